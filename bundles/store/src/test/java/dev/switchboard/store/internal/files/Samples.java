package dev.switchboard.store.internal.files;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Real file headers and images for the blob store's tests, built in memory. */
final class Samples {

    private Samples() {
    }

    /** A minimal Windows program: the MZ header whose e_lfanew points at a PE header (i386, one section). */
    static byte[] pe() {
        ByteBuffer file = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
        file.put((byte) 'M').put((byte) 'Z');
        file.putInt(0x3C, 0x80);
        file.position(0x80);
        file.put(new byte[]{'P', 'E', 0, 0});
        file.putShort((short) 0x014C).putShort((short) 1);
        return file.array();
    }

    /** A minimal 64-bit little-endian Linux executable header. */
    static byte[] elf() {
        ByteBuffer file = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        file.put(new byte[]{0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        file.position(16);
        file.putShort((short) 2).putShort((short) 0x3E).putInt(1);
        return file.array();
    }

    /** A 64-bit Mach-O executable header (magic 0xFEEDFACF stored little-endian). */
    static byte[] machO() {
        ByteBuffer file = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        file.putInt(0xFEEDFACF).putInt(0x01000007).putInt(3).putInt(2);
        return file.array();
    }

    /** A universal (fat) Mach-O header with two architectures, big-endian as on disk. */
    static byte[] machOUniversal() {
        ByteBuffer file = ByteBuffer.allocate(256).order(ByteOrder.BIG_ENDIAN);
        file.putInt(0xCAFEBABE).putInt(2);
        return file.array();
    }

    static byte[] shellScript() {
        return "#!/bin/sh\nrm -rf \"$HOME\"\n".getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] pdf() {
        return ("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The start of an MP4 video: an ftyp box of brand isom. */
    static byte[] mp4() {
        ByteBuffer file = ByteBuffer.allocate(1024);
        file.putInt(32).put("ftypmp42".getBytes(StandardCharsets.US_ASCII)).putInt(0x200)
                .put("isommp42avc1mp41".getBytes(StandardCharsets.US_ASCII));
        return file.array();
    }

    /** The start of an MP3 file: an ID3v2 tag. */
    static byte[] mp3() {
        byte[] file = new byte[1024];
        System.arraycopy(new byte[]{'I', 'D', '3', 3, 0, 0, 0, 0, 0, 0}, 0, file, 0, 10);
        return file;
    }

    /** A zip whose first entry is [Content_Types].xml, as in every Office Open XML document. */
    static byte[] officeZip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<?xml version=\"1.0\"?><Types/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write("<document/>".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A plain zip holding a Java manifest: a .jar by its bytes is just a zip. */
    static byte[] jar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\nMain-Class: Evil\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A 40x20 PNG: transparent left half, opaque red right half. */
    static byte[] transparentPng() {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.RED);
        graphics.fillRect(20, 0, 20, 20);
        graphics.dispose();
        return encode(image, "png");
    }

    static byte[] jpeg() {
        return encode(opaque(Color.BLUE), "jpeg");
    }

    static byte[] gif() {
        return encode(opaque(Color.GREEN), "gif");
    }

    /** A GIF of two frames. */
    static byte[] animatedGif() {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            writer.prepareWriteSequence(null);
            for (Color color : new Color[]{Color.RED, Color.BLUE}) {
                BufferedImage frame = opaque(color);
                IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
                IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
                control.setAttribute("disposalMethod", "none");
                control.setAttribute("userInputFlag", "FALSE");
                control.setAttribute("transparentColorFlag", "FALSE");
                control.setAttribute("delayTime", "50");
                control.setAttribute("transparentColorIndex", "0");
                root.appendChild(control);
                metadata.setFromTree("javax_imageio_gif_image_1.0", root);
                writer.writeToSequence(new IIOImage(frame, null, metadata), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** A PNG signature followed by nothing a reader can decode. */
    static byte[] brokenPng() {
        byte[] png = transparentPng();
        byte[] broken = Arrays.copyOf(png, 64);
        Arrays.fill(broken, 16, 64, (byte) 0x5A);
        return broken;
    }

    /** {@code size} bytes starting with {@code header}, then zeros. */
    static byte[] padded(byte[] header, int size) {
        return Arrays.copyOf(header, size);
    }

    static byte[] random(long seed, int size) {
        byte[] bytes = new byte[size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    static String sha256(InputStream content) {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        try (content) {
            for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BufferedImage opaque(Color color) {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(color);
        graphics.fillRect(0, 0, 16, 16);
        graphics.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
