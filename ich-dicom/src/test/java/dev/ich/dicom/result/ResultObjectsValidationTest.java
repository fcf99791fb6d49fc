package dev.ich.dicom.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed result objects (the writer's exact bytes, {@link ResultObjectsReferenceTest}) as
 * independent tools saw them (tools/reference/check_dicom_results.py): dciodvfy finds no error, and
 * what pydicom decodes matches what the writer was given, computed here from the fixture.
 */
class ResultObjectsValidationTest {

    private static JsonObject objects;
    private static JsonObject source;
    private static ResultFixture fixture;

    @BeforeAll
    static void load(@TempDir Path dir) throws Exception {
        Path base = ResultObjectsReferenceTest.COMMITTED;
        JsonObject report =
                JsonParser.parseString(Files.readString(base.resolve("pydicom.json")))
                        .getAsJsonObject();
        objects = report.getAsJsonObject("objects");
        source = report.getAsJsonObject("source");
        fixture = ResultFixture.create(dir.resolve("source"));
    }

    @Test
    void dciodvfyFindsNoErrorInAnyObject() throws Exception {
        List<String> lines =
                Files.readAllLines(ResultObjectsReferenceTest.COMMITTED.resolve("dciodvfy.txt"));
        assertThat(lines).noneMatch(l -> l.startsWith("Error"));
        assertThat(lines)
                .filteredOn(l -> l.startsWith("== "))
                .hasSize(2 + fixture.ct.geometry().nz());
        assertThat(lines).contains("Segmentation", "ComprehensiveSR", "SCImage");
    }

    @Test
    void everyObjectCarriesTheSourceIdentityAndNothingElseOfThePatient() {
        for (String name : objects.keySet()) {
            JsonObject o = objects.getAsJsonObject(name);
            assertThat(o.get("identity_equals_source").getAsBoolean()).as(name).isTrue();
            JsonObject id = o.getAsJsonObject("identity");
            assertThat(id.get("PatientName").getAsString()).isEqualTo(ResultFixture.NAME);
            assertThat(id.get("PatientID").getAsString()).isEqualTo(ResultFixture.ID);
            assertThat(id.get("PatientBirthDate").getAsString()).isEqualTo("19020304");
            assertThat(id.get("StudyInstanceUID").getAsString())
                    .isEqualTo(fixture.source.studyInstanceUid());
            assertThat(strings(o.getAsJsonArray("group_0010")))
                    .as(name)
                    .containsExactly("0010,0010", "0010,0020", "0010,0030", "0010,0040");
            assertThat(o.get("series_instance_uid").getAsString())
                    .isNotEqualTo(fixture.source.seriesInstanceUid());
        }
        assertThat(source.get("series_instance_uid").getAsString())
                .isEqualTo(fixture.source.seriesInstanceUid());
    }

    @Test
    void segmentationFramesHoldTheMaskAtTheSourcePositions() {
        JsonObject seg = objects.getAsJsonObject("SEG.dcm").getAsJsonObject("seg");
        VolumeGeometry g = fixture.ct.geometry();
        assertThat(seg.get("frames").getAsInt()).isEqualTo(g.nz());
        assertThat(seg.get("rows").getAsInt()).isEqualTo(g.ny());
        assertThat(seg.get("columns").getAsInt()).isEqualTo(g.nx());
        assertThat(seg.get("segmentation_type").getAsString()).isEqualTo("BINARY");
        assertThat(seg.get("category").getAsString()).isEqualTo("49755003");
        assertThat(seg.get("type").getAsString()).isEqualTo("50960005");
        assertThat(seg.get("anatomic_region").getAsString()).isEqualTo("12738006");
        assertThat(seg.get("referenced_series").getAsString())
                .isEqualTo(fixture.source.seriesInstanceUid());
        assertThat(doubles(seg.getAsJsonArray("pixel_spacing")))
                .containsExactly(g.spacing().y(), g.spacing().x());
        JsonArray frames = seg.getAsJsonArray("per_frame");
        int total = 0;
        for (int k = 0; k < g.nz(); k++) {
            JsonObject f = frames.get(k).getAsJsonObject();
            int count = 0;
            int[] first = {-1, -1};
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    if (fixture.bleed.contains(i, j, k)) {
                        if (count++ == 0) {
                            first = new int[] {j, i};
                        }
                    }
                }
            }
            total += count;
            assertThat(f.get("pixels_set").getAsInt()).as("frame " + k).isEqualTo(count);
            assertThat(ints(f.getAsJsonArray("first_set_pixel_row_column")))
                    .as("frame " + k)
                    .containsExactly(first);
            assertThat(f.get("source_sop_instance_uid").getAsString())
                    .isEqualTo(fixture.source.slices().get(k).sopInstanceUid());
            assertThat(doubles(f.getAsJsonArray("position"))).containsExactly(position(g, k));
            assertThat(ints(f.getAsJsonArray("dimension_index"))).containsExactly(1, k + 1);
        }
        assertThat(total).isEqualTo(fixture.bleed.count()).isPositive();
    }

    @Test
    void reportHoldsTheMeasurementsAndReferencesTheSegment() {
        JsonObject sr = objects.getAsJsonObject("SR.dcm").getAsJsonObject("sr");
        assertThat(sr.get("template").getAsString()).isEqualTo("1500");
        List<JsonObject> items = new ArrayList<>();
        sr.getAsJsonArray("items").forEach(e -> items.add(e.getAsJsonObject()));
        assertThat(value(items, "NETWORK")).isCloseTo(fixture.result.volumeMl(), within(1e-12));
        assertThat(value(items, "ABC2")).isEqualTo(ResultFixture.ABC2_ML);
        assertThat(value(items, "PLANIMETRY"))
                .isCloseTo(fixture.result.classicalEstimatesMl().get("planimetry"), within(1e-12));
        JsonObject death =
                items.stream()
                        .filter(i -> i.get("path").getAsString().endsWith("/Probability of death"))
                        .findFirst()
                        .orElseThrow();
        assertThat(death.get("value").getAsDouble()).isEqualTo(ResultFixture.PROBABILITY_OF_DEATH);
        assertThat(death.get("unit").getAsString()).isEqualTo("1");
        JsonObject segment = items.stream().filter(i -> i.has("segment")).findFirst().orElseThrow();
        assertThat(segment.get("sop_instance_uid").getAsString())
                .isEqualTo(
                        objects.getAsJsonObject("SEG.dcm").get("sop_instance_uid").getAsString());
        assertThat(segment.get("segment").getAsInt()).isEqualTo(1);
        assertThat(death.get("parameters").getAsString()).contains(ResultFixture.MODEL_SHA256);
        assertThat(items)
                .filteredOn(i -> i.has("method") && i.get("method").getAsString().equals("NETWORK"))
                .allMatch(
                        i ->
                                i.get("parameters")
                                        .getAsString()
                                        .contains(ResultFixture.MODEL_SHA256));
        assertThat(items)
                .anyMatch(i -> i.has("text") && i.get("text").getAsString().equals("Haemorrhage"));
    }

    @Test
    void overlayImagesAreTheGivenPicturesPlacedLikeTheirSlices() {
        VolumeGeometry g = fixture.ct.geometry();
        for (int k = 0; k < g.nz(); k++) {
            JsonObject sc =
                    objects.getAsJsonObject(String.format("SC%05d.dcm", k + 1))
                            .getAsJsonObject("sc");
            BufferedImage image = fixture.overlay(k);
            long[] sums = new long[3];
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    sums[0] += (rgb >>> 16) & 0xFF;
                    sums[1] += (rgb >>> 8) & 0xFF;
                    sums[2] += rgb & 0xFF;
                }
            }
            assertThat(longs(sc.getAsJsonArray("channel_sums")))
                    .as("slice " + k)
                    .containsExactly(sums);
            assertThat(doubles(sc.getAsJsonArray("position"))).containsExactly(position(g, k));
            assertThat(sc.get("frame_of_reference_uid").getAsString())
                    .isEqualTo(fixture.source.frameOfReferenceUid());
            assertThat(sc.get("source_sop_instance_uid").getAsString())
                    .isEqualTo(fixture.source.slices().get(k).sopInstanceUid());
            assertThat(sc.get("burned_in_annotation").getAsString()).isEqualTo("YES");
            assertThat(sc.get("photometric").getAsString()).isEqualTo("RGB");
        }
    }

    private static double[] position(VolumeGeometry g, int k) {
        Vec3 p = g.origin().plus(g.axisK().times(k * g.spacing().z()));
        return new double[] {p.x(), p.y(), p.z()};
    }

    private static double value(List<JsonObject> items, String method) {
        return items.stream()
                .filter(i -> i.has("method") && i.get("method").getAsString().equals(method))
                .findFirst()
                .orElseThrow()
                .get("value")
                .getAsDouble();
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    private static double[] doubles(JsonArray a) {
        double[] out = new double[a.size()];
        for (int n = 0; n < out.length; n++) {
            out[n] = a.get(n).getAsDouble();
        }
        return out;
    }

    private static int[] ints(JsonArray a) {
        int[] out = new int[a.size()];
        int n = 0;
        for (JsonElement e : a) {
            out[n++] = e.getAsInt();
        }
        return out;
    }

    private static long[] longs(JsonArray a) {
        long[] out = new long[a.size()];
        for (int n = 0; n < out.length; n++) {
            out[n] = a.get(n).getAsLong();
        }
        return out;
    }
}
