package dev.ich.core.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ich.core.volume.HuWindow;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreprocessingConfigTest {

    @Test
    void paperPresetHasThePapersSettings() {
        PreprocessingConfig c = PreprocessingConfig.paper();
        assertThat(c.window()).isEqualTo(new HuWindow(40, 110));
        assertThat(c.targetShape()).containsExactly(32, 224, 224);
        assertThat(c.airThresholdHu()).isEqualTo(-500.0);
        assertThat(c.marginVoxels()).isZero();
        assertThat(c.antiAliasing()).isFalse();
        assertThat(c.boneSuppression()).isFalse();
        assertThat(c)
                .isEqualTo(PreprocessingConfig.builder().build())
                .hasSameHashCodeAs(PreprocessingConfig.paper());
    }

    @Test
    void toBuilderKeepsEverySetting() {
        PreprocessingConfig c =
                PreprocessingConfig.builder()
                        .window(HuWindow.ofCenterWidth(40, 80))
                        .airThresholdHu(-300)
                        .marginVoxels(3)
                        .targetShape(16, 112, 96)
                        .antiAliasing(true)
                        .boneSuppressionHu(150)
                        .build();
        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(c.toBuilder().build().fingerprint()).isEqualTo(c.fingerprint());
    }

    @Test
    void fingerprintIsPinnedForThePaperPreset() {
        // Changing this value invalidates every cache of preprocessed studies: do it only on
        // purpose
        // (a change of settings or of PreprocessingConfig.ALGORITHM_VERSION).
        assertThat(PreprocessingConfig.paper().fingerprint())
                .isEqualTo("pp1-" + PINNED_PAPER_DIGEST);
    }

    /**
     * The first 8 bytes of SHA-256 of the canonical text, computed independently with Python's
     * hashlib: {@code ich-preprocess;algorithm=1;order=crop,window,resize;interpolation=trilinear,
     * align_corners=false;window=4044000000000000,405b800000000000;air=c07f400000000000;margin=0;
     * shape=32x224x224} (doubles as the hex of their IEEE bits).
     */
    private static final String PINNED_PAPER_DIGEST = "6d6ace86ee6ee663";

    @Test
    void fingerprintChangesWithEverySetting() {
        PreprocessingConfig.Builder paper = PreprocessingConfig.builder();
        List<PreprocessingConfig> variants =
                List.of(
                        paper.build(),
                        PreprocessingConfig.builder().window(new HuWindow(40, 110.5)).build(),
                        PreprocessingConfig.builder().window(new HuWindow(39, 110)).build(),
                        PreprocessingConfig.builder().airThresholdHu(-499).build(),
                        PreprocessingConfig.builder().marginVoxels(1).build(),
                        PreprocessingConfig.builder().targetShape(33, 224, 224).build(),
                        PreprocessingConfig.builder().targetShape(32, 225, 224).build(),
                        PreprocessingConfig.builder().targetShape(32, 224, 225).build(),
                        PreprocessingConfig.builder().targetShape(224, 32, 224).build(),
                        PreprocessingConfig.builder().antiAliasing(true).build(),
                        PreprocessingConfig.builder().boneSuppressionHu(150).build(),
                        PreprocessingConfig.builder().boneSuppressionHu(150.5).build());
        Set<String> fingerprints = new HashSet<>();
        for (PreprocessingConfig v : variants) {
            assertThat(v.fingerprint()).matches("pp1-[0-9a-f]{16}");
            fingerprints.add(v.fingerprint());
        }
        assertThat(fingerprints).hasSize(variants.size());
        assertThat(PreprocessingConfig.builder().airThresholdHu(-0.0).build().fingerprint())
                .isEqualTo(PreprocessingConfig.builder().airThresholdHu(0.0).build().fingerprint());
    }

    @Test
    void buildRejectsATargetShapeWithZeroOrNegativeSizes() {
        assertThatThrownBy(() -> PreprocessingConfig.builder().targetShape(0, 224, 224).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("depth")
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> PreprocessingConfig.builder().targetShape(32, -5, 224).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("height")
                .hasMessageContaining("got -5");
        assertThatThrownBy(() -> PreprocessingConfig.builder().targetShape(32, 224, 0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("width")
                .hasMessageContaining("got 0");
        assertThatThrownBy(
                        () -> PreprocessingConfig.builder().targetShape(4096, 4096, 4096).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4096×4096×4096");
    }

    @Test
    void buildRejectsOtherBadSettingsNamingFieldAndValue() {
        assertThatThrownBy(() -> PreprocessingConfig.builder().marginVoxels(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("marginVoxels")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> PreprocessingConfig.builder().airThresholdHu(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("airThresholdHu")
                .hasMessageContaining("NaN");
        assertThatThrownBy(
                        () ->
                                PreprocessingConfig.builder()
                                        .airThresholdHu(Double.NEGATIVE_INFINITY)
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Infinity");
        assertThatThrownBy(() -> PreprocessingConfig.builder().boneSuppressionHu(100).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("boneSuppressionHu")
                .hasMessageContaining("110.0")
                .hasMessageContaining("got 100.0");
        assertThatThrownBy(
                        () ->
                                PreprocessingConfig.builder()
                                        .boneSuppressionHu(Double.POSITIVE_INFINITY)
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Infinity");
        assertThatThrownBy(() -> PreprocessingConfig.builder().window(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window");
    }

    @Test
    void aWindowWithLowerNotBelowUpperIsRefusedNamingBothValues() {
        assertThatThrownBy(() -> new HuWindow(110, 40))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower=110.0")
                .hasMessageContaining("upper=40.0");
        assertThatThrownBy(() -> new HuWindow(40, 40))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower=40.0");
    }
}
