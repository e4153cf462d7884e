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
 * writes; UTF-16 without a mark is recognised by its NUL bytes at every other position. Binary files (a zip or
 * OLE header, or more than 1 % NUL bytes) are refused with a hint.
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
            var utf16 = utf16WithoutBom(head);
            if (utf16 != null) {
                return new InputStreamReader(in, utf16);
            }
            if (looksBinary(head)) {
                throw new FileUnreadableException("binary content, not text (an Excel workbook? save it as CSV UTF-8)");
            }
            // a stray NUL in text is stripped with the other control characters when the record is stored
            charset = decodesAsUtf8(head) ? StandardCharsets.UTF_8 : WINDOWS_1252;
        }
        return new InputStreamReader(in, charset);
    }

    /**
     * UTF-16 written without a byte-order mark: text in Latin script has a NUL in every other byte, at even
     * positions for big-endian, odd for little-endian. Null when the sample does not look like that.
     */
    static Charset utf16WithoutBom(byte[] head) {
        int pairs = head.length / 2;
        if (pairs < 2) {
            return null;
        }
        int evenNul = 0;
        int oddNul = 0;
        for (int i = 0; i + 1 < head.length; i += 2) {
            evenNul += head[i] == 0 ? 1 : 0;
            oddNul += head[i + 1] == 0 ? 1 : 0;
        }
        // most characters of a CSV are ASCII: at least 60 % of the high bytes NUL, almost no NUL in the low ones
        if (evenNul * 10 >= pairs * 6 && oddNul * 20 <= pairs) {
            return StandardCharsets.UTF_16BE;
        }
        if (oddNul * 10 >= pairs * 6 && evenNul * 20 <= pairs) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    /** A zip (xlsx, ods) or OLE (xls) header, or more NULs than a text file with a stray one would have. */
    private static boolean looksBinary(byte[] head) {
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return true;
        }
        if (head.length >= 4 && (head[0] & 0xff) == 0xD0 && (head[1] & 0xff) == 0xCF && (head[2] & 0xff) == 0x11
                && (head[3] & 0xff) == 0xE0) {
            return true;
        }
        int nul = 0;
        for (byte b : head) {
            nul += b == 0 ? 1 : 0;
        }
        return nul * 100 > head.length; // over 1 %
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
