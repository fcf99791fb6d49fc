package dev.ich.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.core.preprocess.PreprocessingConfig;
import org.junit.jupiter.api.Test;

/** Each preset pairs its network with preprocessing that produces exactly the network's input. */
class PresetTest {

    @Test
    void thePaperPresetIsThePaperExactly() {
        assertThat(Preset.PAPER.network()).isEqualTo(NetworkConfig.paper());
        assertThat(Preset.PAPER.preprocessing()).isEqualTo(PreprocessingConfig.paper());
        assertThat(Preset.PAPER.preprocessing().fingerprint())
                .isEqualTo(PreprocessingConfig.paper().fingerprint());
    }

    @Test
    void theCpuPresetIsThePapersPreprocessingBoneSuppressedAndAntiAliasedToItsInput() {
        NetworkConfig cpu = Preset.CPU.network();
        PreprocessingConfig pp = Preset.CPU.preprocessing();
        assertThat(cpu).isEqualTo(NetworkConfig.cpu());
        assertThat(pp.targetShape())
                .containsExactly(cpu.inputDepth(), cpu.inputHeight(), cpu.inputWidth());
        assertThat(pp.antiAliasing()).isTrue();
        assertThat(pp.boneSuppressionHu()).isEqualTo(150.0);
        assertThat(
                        pp.toBuilder()
                                .antiAliasing(false)
                                .boneSuppressionHu(Double.NaN)
                                .targetShape(32, 224, 224)
                                .build())
                .isEqualTo(PreprocessingConfig.paper());
    }
}
