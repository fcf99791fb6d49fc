package dev.ich.dicom;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The corpus and reference volumes made by tools/reference/make_dicom_corpus.py, and the edge cases
 * made by tools/reference/make_dicom_edge_cases.py.
 */
final class Reference {

    static final Path ROOT = resource("dicom");
    static final Path CORPUS = ROOT.resolve("corpus");
    static final Path REFS = ROOT.resolve("reference");
    static final Path EDGE = ROOT.resolve("edge");
    static final Path EDGE_REFS = ROOT.resolve("edge-reference");

    final int nx;
    final int ny;
    final int nz;
    final double[] affine;
    final float[] hu;

    private Reference(JsonObject meta, float[] hu) {
        this.nx = meta.get("nx").getAsInt();
        this.ny = meta.get("ny").getAsInt();
        this.nz = meta.get("nz").getAsInt();
        this.affine = new double[12];
        for (int i = 0; i < 12; i++) {
            affine[i] = meta.getAsJsonArray("affineLps").get(i).getAsDouble();
        }
        this.hu = hu;
    }

    static Path resource(String name) {
        try {
            return Paths.get(Reference.class.getClassLoader().getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean exists(String caseName, String kind) {
        return Files.exists(REFS.resolve(caseName + "." + kind + ".json"));
    }

    static JsonObject expectation(String caseName) {
        return json(REFS.resolve(caseName + ".expect.json"));
    }

    static Reference load(String caseName, String kind) {
        return load(REFS, caseName, kind);
    }

    static Reference load(Path dir, String caseName, String kind) {
        JsonObject meta = json(dir.resolve(caseName + "." + kind + ".json"));
        try {
            byte[] raw = Files.readAllBytes(dir.resolve(caseName + "." + kind + ".f32"));
            float[] hu = new float[raw.length / 4];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(hu);
            return new Reference(meta, hu);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonObject json(Path p) {
        try {
            return JsonParser.parseString(Files.readString(p)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
