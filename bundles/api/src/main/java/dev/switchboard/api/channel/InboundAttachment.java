package dev.switchboard.api.channel;

import dev.switchboard.api.files.MediaKind;

/**
 * A file that came with a client's message (MSG-1). The core stores the message at once and fetches the file after
 * the commit, by a durable job: the webhook is answered without waiting, and a slow or failed download is retried
 * and shown as pending, never holding up or losing the message.
 *
 * @param kind what the platform calls it (a Telegram photo is an image); the stored file's type comes from its bytes
 */
public record InboundAttachment(MediaKind kind, RemoteFile file) {
}
