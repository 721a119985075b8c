package dev.switchboard.channel.widget.internal.live;

/** An open event stream or a waiting long poll of one visitor. */
interface Listener {

    /** Something in the visitor's chat may have changed: read it again soon (on a worker, never the caller). */
    void wake();

    /** Keeps the connection open through proxies that close idle ones. */
    void ping();

    /** Ends it: the visitor went away, or the bundle stops. */
    void close();

    Transcript transcript();
}
