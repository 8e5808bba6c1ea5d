package io.github.ytdc.sheets.google;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import com.google.api.client.http.javanet.NetHttpTransport;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP transport of a key's token requests. Google's auth library sends them with fixed 20 s timeouts that no
 * caller can set; through this transport they get the port's own ({@link CallLimits}), so a black-holed token
 * endpoint is given up as soon as a Sheets request would be, and never past a stopping agent's deadline.
 *
 * <p>It wraps the plain {@link NetHttpTransport} the Sheets requests use (same proxy and trust settings). Its
 * request factory method is protected, so it is reached by reflection; should that ever fail, the token requests
 * keep the library's timeouts, which only makes them slower to give up.
 */
final class TokenTransport extends HttpTransport {
    private static final Logger LOG = LoggerFactory.getLogger(TokenTransport.class);
    private static final Method BUILD_REQUEST = buildRequestMethod();

    private final NetHttpTransport delegate;
    private final CallLimits limits;

    private TokenTransport(CallLimits limits) {
        this.limits = limits;
        this.delegate = new NetHttpTransport.Builder().setConnectionFactory(limits.connections()).build();
    }

    /** A transport whose requests keep to {@code limits}, or the plain one if that cannot be arranged. */
    static HttpTransport within(CallLimits limits) {
        return BUILD_REQUEST == null ? new NetHttpTransport() : new TokenTransport(limits);
    }

    private static Method buildRequestMethod() {
        try {
            Method m = NetHttpTransport.class.getDeclaredMethod("buildRequest", String.class, String.class);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("token requests keep the auth library's timeouts: {}", e.toString());
            return null;
        }
    }

    @Override
    protected LowLevelHttpRequest buildRequest(String method, String url) throws IOException {
        try {
            return new Bounded((LowLevelHttpRequest) BUILD_REQUEST.invoke(delegate, method, url));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IOException(e);
        }
    }

    @Override
    public boolean supportsMethod(String method) throws IOException {
        return delegate.supportsMethod(method);
    }

    @Override
    public void shutdown() throws IOException {
        delegate.shutdown();
    }

    /** The delegate's request, with the port's timeouts wherever they are shorter than the library's. */
    private final class Bounded extends LowLevelHttpRequest {
        private final LowLevelHttpRequest request;

        Bounded(LowLevelHttpRequest request) {
            this.request = request;
        }

        @Override
        public void addHeader(String name, String value) throws IOException {
            request.addHeader(name, value);
        }

        @Override
        public void setTimeout(int connectTimeout, int readTimeout) throws IOException {
            request.setTimeout(shorter(connectTimeout, limits.connectMillis()), shorter(readTimeout, limits.readMillis()));
        }

        @Override
        public void setWriteTimeout(int writeTimeout) throws IOException {
            request.setWriteTimeout(writeTimeout);
        }

        @Override
        public LowLevelHttpResponse execute() throws IOException {
            request.setContentLength(getContentLength());
            request.setContentEncoding(getContentEncoding());
            request.setContentType(getContentType());
            request.setStreamingContent(getStreamingContent());
            return request.execute();
        }

        // 0 is "no timeout" to the HTTP client.
        private static int shorter(int theirs, int ours) {
            return theirs <= 0 ? ours : Math.min(theirs, ours);
        }
    }
}
