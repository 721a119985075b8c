package dev.switchboard.itest.channel;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * The files the test platform holds for clients' messages, served at {@code /test-channel/files/<name>} for the
 * connector's {@code fetch} (MSG-1, INP-2, INP-3): made in memory, the same bytes on every call.
 * <ul>
 *   <li>{@code sample.pdf}: a small valid PDF;</li>
 *   <li>{@code photo.png} and {@code photo.jpg}: a 64×48 picture;</li>
 *   <li>{@code invoice.pdf}: a Windows program (an MZ header and a PE signature) named like a PDF;</li>
 *   <li>{@code bytes-<N>.bin}: N bytes of a repeating pattern (at most 64 MB).</li>
 * </ul>
 */
final class TestFiles {

    /** A file: its bytes and the content type the platform serves it with. */
    record TestFile(String name, String contentType, byte[] bytes) {
    }

    private static final Pattern BYTES = Pattern.compile("bytes-(\\d{1,9})\\.bin");
    private static final long MAX_BYTES = 64L * 1024 * 1024;

    private TestFiles() {
    }

    static Optional<TestFile> named(String name) {
        switch (name) {
            case "sample.pdf":
                return Optional.of(new TestFile(name, "application/pdf", pdf()));
            case "photo.png":
                return Optional.of(new TestFile(name, "image/png", image("png")));
            case "photo.jpg":
                return Optional.of(new TestFile(name, "image/jpeg", image("jpg")));
            case "invoice.pdf":
                return Optional.of(new TestFile(name, "application/pdf", program()));
            default:
                Matcher n = BYTES.matcher(name);
                if (n.matches() && Long.parseLong(n.group(1)) <= MAX_BYTES) {
                    return Optional.of(new TestFile(name, "application/octet-stream",
                            pattern(Integer.parseInt(n.group(1)))));
                }
                return Optional.empty();
        }
    }

    /** A one-page PDF with a line of text, as a PDF reader opens it. */
    static byte[] pdf() {
        String[] objects = {
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R"
                        + " /Resources << /Font << /F1 5 0 R >> >> >>",
                null,
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
        String stream = "BT /F1 18 Tf 36 72 Td (Switchboard test channel) Tj ET";
        objects[3] = "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream";
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.length();
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A 64×48 picture in {@code format} ({@code png} or {@code jpg}). */
    static byte[] image(String format) {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(0x2e7d32));
            g.fillRect(0, 0, 64, 48);
            g.setColor(new Color(0xffb300));
            g.fillOval(16, 8, 32, 32);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The start of a Windows program: the DOS (MZ) header pointing at a PE signature and a COFF header. */
    static byte[] program() {
        byte[] exe = new byte[1024];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3c] = (byte) 0x80; // e_lfanew: the PE header's offset
        byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stub, 0, exe, 0x4e, stub.length);
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        exe[0x84] = 0x4c; // machine: i386
        exe[0x85] = 0x01;
        exe[0x86] = 0x01; // one section
        return exe;
    }

    /** {@code size} bytes of a pattern that no detector mistakes for a known format. */
    static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ('a' + (i * 7 + i / 251) % 26);
        }
        return bytes;
    }
}
