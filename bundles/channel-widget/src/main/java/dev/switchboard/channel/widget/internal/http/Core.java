package dev.switchboard.channel.widget.internal.http;

import dev.switchboard.api.channel.Ingress;
import dev.switchboard.api.channel.LiveConnections;
import dev.switchboard.api.chat.ClientTranscripts;
import dev.switchboard.api.files.FileLinks;
import dev.switchboard.api.files.FileStore;
import dev.switchboard.api.team.Presence;

/**
 * The core's services the visitors' API works with, as they are at the moment of a call; any of them is {@code null}
 * while its bundle restarts (the store reconfigured), and the API answers 503 meanwhile.
 */
public record Core(LiveConnections connections, Ingress ingress, ClientTranscripts transcripts, Presence presence,
                   FileStore files, FileLinks links) {

    boolean complete() {
        return connections != null && ingress != null && transcripts != null && presence != null && files != null
                && links != null;
    }
}
