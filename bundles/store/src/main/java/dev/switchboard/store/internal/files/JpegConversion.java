package dev.switchboard.store.internal.files;

import dev.switchboard.api.error.InvalidInput;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;

/**
 * Turns an image into a JPEG for channels that do not take its format (INP-2: png to jpg) with the JDK's ImageIO,
 * which reads PNG, GIF, BMP and JPEG (and WebP where a plugin for it is installed). Transparent parts become
 * white, as a JPEG has no transparency. An image is at most a few MB, so one decoded image in memory is fine; a
 * small file that would decode to a huge picture is refused before it is decoded.
 */
final class JpegConversion {

    /** The largest picture converted: 50 megapixels are 200 MB decoded. */
    static final long MAX_PIXELS = 50_000_000L;

    private static final float QUALITY = 0.9f;

    private JpegConversion() {
    }

    /**
     * The JPEG bytes of the image in {@code content}.
     *
     * @throws InvalidInput {@code file.convert} for an animated or unreadable image
     */
    static byte[] convert(InputStream content) {
        BufferedImage image = read(content);
        BufferedImage flat = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = flat.createGraphics();
        try {
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, flat.getWidth(), flat.getHeight());
            graphics.drawImage(image, 0, 0, null);
        } finally {
            graphics.dispose();
        }
        return write(flat);
    }

    private static BufferedImage read(InputStream content) {
        // in memory, not ImageIO's default file cache: nothing of a client's image is left in a temporary folder
        try (ImageInputStream input = new MemoryCacheImageInputStream(content)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new InvalidInput("file.convert", "the image's format cannot be converted to JPEG");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, false, true);
                int images = reader.getNumImages(true);
                if (images > 1) {
                    throw new InvalidInput("file.convert", "animated images cannot be converted to JPEG");
                }
                if (images < 1) {
                    throw new InvalidInput("file.convert", "the image is broken and cannot be converted");
                }
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new InvalidInput("file.convert", "images larger than " + MAX_PIXELS / 1_000_000
                            + " megapixels cannot be converted to JPEG");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInput invalid) {
                throw invalid;
            }
            // ImageIO's readers fail on broken data with IOExceptions and with runtime exceptions alike
            throw new InvalidInput("file.convert", "the image is broken and cannot be converted");
        }
    }

    private static byte[] write(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            parameters.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(image, null, null), parameters);
        } catch (IOException e) {
            throw new IllegalStateException("the JPEG writer failed on an image in memory", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
