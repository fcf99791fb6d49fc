package dev.ich.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IchExceptionTest {

    @Test
    void messageSaysWhereWhatAndWhatToDo() {
        IchException e =
                new IchException(
                        ErrorCode.UNSUPPORTED_ENCODING,
                        "scan/IM0001.dcm",
                        "JPEG-LS (1.2.840.10008.1.2.4.80) is not supported",
                        "Transcode it with: dcmdjpls in.dcm out.dcm");
        assertThat(e.getMessage())
                .isEqualTo(
                        "scan/IM0001.dcm: JPEG-LS (1.2.840.10008.1.2.4.80) is not supported. "
                                + "Transcode it with: dcmdjpls in.dcm out.dcm.");
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_ENCODING);
        assertThat(e.source()).isEqualTo("scan/IM0001.dcm");
    }
}
