package io.github.ytdc.util;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Creates the JDK's built-in {@link HttpServer} with the settings ytdc's small servers need. */
public final class HttpServers {
    static {
        // why: without TCP_NODELAY the JDK server's small responses wait on Nagle's algorithm and the client's
        // delayed ACK, ~40 ms per request on loopback. The JDK reads this property once, when its server
        // configuration class loads, so it must be set before the first server in the JVM is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private HttpServers() {}

    /** A bound, not yet started server. */
    public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        return HttpServer.create(address, backlog);
    }
}
