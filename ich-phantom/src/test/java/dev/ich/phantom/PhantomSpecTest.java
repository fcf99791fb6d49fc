package dev.ich.phantom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhantomSpecTest {

    @Test
    void defaultsDescribeARealisticRandomCohort() {
        PhantomSpec spec = PhantomSpec.builder().build();
        assertThat(spec.inPlaneSize()).isEqualTo(512);
        assertThat(spec.pixelSpacingMinMm()).isEqualTo(0.4);
        assertThat(spec.pixelSpacingMaxMm()).isEqualTo(0.9);
        assertThat(spec.sliceThicknessMm()).isEqualTo(5);
        assertThat(spec.haematomaCount()).isEqualTo(1);
        assertThat(spec.volumeRangeMl()).isEmpty();
        assertThat(spec.location()).isEmpty();
        assertThat(spec.outcomeModel()).isEqualTo(OutcomeModel.standard());
        assertThat(spec.withSeed(9).seed()).isEqualTo(9);
        assertThat(spec.withSeed(9).toBuilder().targetVolumeMl(12).build().volumeRangeMl())
                .get()
                .satisfies(r -> assertThat(r).containsExactly(12, 12));
    }

    @Test
    void buildNamesTheBadFieldAndValue() {
        assertThatThrownBy(() -> PhantomSpec.builder().inPlaneSize(32).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inPlaneSize")
                .hasMessageContaining("32");
        assertThatThrownBy(
                        () ->
                                PhantomSpec.builder()
                                        .inPlaneSize(256)
                                        .pixelSpacingMm(0.4, 0.5)
                                        .build())
                .hasMessageContaining("pixelSpacingMm max 0.5")
                .hasMessageContaining("128.0 mm");
        assertThatThrownBy(() -> PhantomSpec.builder().pixelSpacingMm(0.9, 0.4).build())
                .hasMessageContaining("min=0.9");
        assertThatThrownBy(() -> PhantomSpec.builder().pixelSpacingMm(Double.NaN, 0.5).build())
                .hasMessageContaining("min=NaN");
        assertThatThrownBy(() -> PhantomSpec.builder().sliceThicknessMm(0.1).build())
                .hasMessageContaining("sliceThicknessMm")
                .hasMessageContaining("0.1");
        assertThatThrownBy(() -> PhantomSpec.builder().haematomaCount(5).build())
                .hasMessageContaining("haematomaCount")
                .hasMessageContaining("5");
        assertThatThrownBy(() -> PhantomSpec.builder().haematomaCount(0).targetVolumeMl(10).build())
                .hasMessageContaining("haematomaCount >= 1");
        assertThatThrownBy(() -> PhantomSpec.builder().targetVolumeMl(200).build())
                .hasMessageContaining("targetVolumeMl")
                .hasMessageContaining("200");
        assertThatThrownBy(() -> PhantomSpec.builder().targetVolumeRangeMl(30, 10).build())
                .hasMessageContaining("min=30.0, max=10.0");
        assertThatThrownBy(
                        () ->
                                PhantomSpec.builder()
                                        .location(Location.INFRATENTORIAL)
                                        .targetVolumeMl(80)
                                        .build())
                .hasMessageContaining("INFRATENTORIAL")
                .hasMessageContaining("80");
        assertThatThrownBy(() -> PhantomSpec.builder().noiseSigmaHu(-1, 5).build())
                .hasMessageContaining("noiseSigmaHu")
                .hasMessageContaining("min=-1");
        assertThatThrownBy(() -> PhantomSpec.builder().outcomeModel(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("outcomeModel");
    }

    @Test
    void outcomeModelRejectsNonFiniteCoefficients() {
        assertThatThrownBy(() -> new OutcomeModel(Double.NaN, 1, 0, 0, 0))
                .hasMessageContaining("intercept=NaN");
        assertThatThrownBy(() -> new OutcomeModel(0, 1, 0, 0, -1))
                .hasMessageContaining("noiseSigma");
        assertThatThrownBy(() -> OutcomeModel.standard().linearPredictor(-1, null))
                .hasMessageContaining("volumeMl");
    }
}
