package io.leadhub.ingest.file;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.commons.io.ByteOrderMark;
import org.apache.commons.io.input.BOMInputStream;

/**
 * Opens a dropped file as text: a byte-order mark decides the charset (Excel's "Unicode text" is UTF-16);
 * without one, UTF-8 if the first 64 KiB decode as UTF-8, else Windows-1252, which is what Excel on Windows
 * writes. Binary files are refused with a hint.
 */
final class TextDecoding {

    private static final int SNIFF = 64 * 1024;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextDecoding() {
    }

    static Reader open(InputStream raw) throws IOException {
        var bom = BOMInputStream.builder().setInputStream(raw)
                .setByteOrderMarks(ByteOrderMark.UTF_8, ByteOrderMark.UTF_16LE, ByteOrderMark.UTF_16BE)
                .setInclude(false).get();
        var in = new BufferedInputStream(bom, SNIFF);
        Charset charset;
        if (bom.hasBOM()) {
            charset = Charset.forName(bom.getBOMCharsetName());
        } else {
            in.mark(SNIFF);
            var head = in.readNBytes(SNIFF);
            in.reset();
            if (head.length == 0) {
                throw new FileUnreadableException("the file is empty");
            }
            for (byte b : head) {
                if (b == 0) {
                    throw new FileUnreadableException("binary content, not text (an Excel workbook? save it as CSV UTF-8)");
                }
            }
            charset = decodesAsUtf8(head) ? StandardCharsets.UTF_8 : WINDOWS_1252;
        }
        return new InputStreamReader(in, charset);
    }

    private static boolean decodesAsUtf8(byte[] head) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        // a multi-byte character may be cut at the end of the sniffed block: allow up to 3 trailing bytes
        for (int cut = 0; cut <= 3 && cut < head.length; cut++) {
            try {
                decoder.reset().decode(ByteBuffer.wrap(head, 0, head.length - cut));
                return true;
            } catch (CharacterCodingException e) {
                // try a shorter prefix
            }
        }
        return false;
    }
}
