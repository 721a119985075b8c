package dev.switchboard.channel.widget.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.channel.widget.internal.DirectExecutor;
import dev.switchboard.channel.widget.internal.FakeCore;
import dev.switchboard.channel.widget.internal.live.LiveStreams;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The servlet's shell around {@link WidgetApi}, with plain stand-ins for the container's request, response and async
 * context: what it copies from the request, what it writes back, and that the live responses it keeps open are ended
 * when the visitor leaves or the servlet stops.
 */
class WidgetServletTest {

    private static final String KEY = "Kk0123456789abcdefghij_-";

    private final FakeCore core = new FakeCore();
    private final LiveStreams live = new LiveStreams(Executors.newSingleThreadScheduledExecutor(),
            new DirectExecutor(), Clock.systemUTC(), Duration.ofHours(1), Duration.ofHours(1));
    private WidgetServlet servlet;

    @BeforeEach
    void start() throws Exception {
        core.connection(7, 3, KEY, Map.of("origins", "https://shop.example"));
        servlet = new WidgetServlet(live, new WidgetConfig() {
            @Override
            public boolean trustProxy() {
                return false;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return WidgetConfig.class;
            }
        });
        for (String field : List.of("connections", "ingress", "transcripts", "presence", "files", "links")) {
            Field f = WidgetServlet.class.getDeclaredField(field);
            f.setAccessible(true);
            f.set(servlet, core);
        }
    }

    @AfterEach
    void stop() {
        live.stop();
    }

    /** A request as the container hands it over, and the response it records. */
    private static final class Exchange {
        final Map<String, String> headers = new LinkedHashMap<>();
        final Map<String, String> answered = new LinkedHashMap<>();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final List<AsyncListener> listeners = new ArrayList<>();
        String method = "GET";
        String path;
        String query;
        byte[] body = new byte[0];
        int status = 200;
        boolean async;
        boolean completed;
        long timeout;
        AsyncContext context;

        Exchange(String path) {
            this.path = path;
            headers.put("Origin", "https://shop.example");
        }

        HttpServletResponse response() {
            ServletOutputStream stream = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }

                @Override
                public void write(int b) {
                    out.write(b);
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "setStatus" -> {
                            status = (int) args[0];
                            yield null;
                        }
                        case "sendError" -> {
                            status = (int) args[0];
                            yield null;
                        }
                        case "setHeader", "addHeader" -> {
                            answered.put((String) args[0], (String) args[1]);
                            yield null;
                        }
                        case "setContentType" -> {
                            answered.put("Content-Type", (String) args[0]);
                            yield null;
                        }
                        case "getOutputStream" -> stream;
                        default -> null;
                    });
        }

        HttpServletRequest request(HttpServletResponse response) {
            ServletInputStream in = new ServletInputStream() {
                private final ByteArrayInputStream bytes = new ByteArrayInputStream(body);

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                }

                @Override
                public int read() {
                    return bytes.read();
                }
            };
            context = (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {AsyncContext.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "setTimeout" -> {
                            timeout = (long) args[0];
                            yield null;
                        }
                        case "addListener" -> {
                            listeners.add((AsyncListener) args[0]);
                            yield null;
                        }
                        case "complete" -> {
                            if (completed) {
                                throw new IllegalStateException("completed twice");
                            }
                            completed = true;
                            for (AsyncListener l : List.copyOf(listeners)) {
                                l.onComplete(new AsyncEvent((AsyncContext) proxy));
                            }
                            yield null;
                        }
                        case "getResponse" -> response;
                        default -> null;
                    });
            return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getPathInfo" -> path;
                        case "getQueryString" -> query;
                        case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                        case "getHeaders" -> Collections.enumeration(headers.containsKey((String) args[0])
                                ? List.of(headers.get((String) args[0])) : List.of());
                        case "getHeader" -> headers.get((String) args[0]);
                        case "getRemoteAddr" -> "203.0.113.5";
                        case "getScheme" -> "https";
                        case "getContentLengthLong" -> (long) body.length;
                        case "getInputStream" -> in;
                        case "startAsync" -> {
                            async = true;
                            yield context;
                        }
                        default -> null;
                    });
        }

        String text() {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private Exchange run(Exchange e) throws Exception {
        HttpServletResponse response = e.response();
        servlet.service(e.request(response), response);
        return e;
    }

    @Test
    void WIDGET_anApiCallIsCopiedToTheApiAndItsAnswerWrittenBack() throws Exception {
        Exchange e = new Exchange("/api/" + KEY + "/session");
        e.method = "POST";
        e.body = "{}".getBytes(StandardCharsets.UTF_8);

        run(e);

        assertThat(e.status).isEqualTo(200);
        assertThat(e.answered).containsEntry("Access-Control-Allow-Origin", "https://shop.example")
                .containsEntry("Content-Type", "application/json;charset=UTF-8");
        assertThat(e.text()).startsWith("{\"token\":\"").contains("\"visitor\":\"v:");
        assertThat(e.async).isFalse();
    }

    @Test
    void WIDGET_aQueryIsReadFromTheAddressNeverFromAFormBody() throws Exception {
        Exchange e = new Exchange("/api/" + KEY + "/config");
        e.query = "lang=ru&x=%D0%B0+b";

        run(e);

        assertThat(e.text()).contains("Сейчас нас нет");
        assertThat(WidgetServlet.query("a=1&a=2&b=%20c&d")).containsEntry("a", List.of("1", "2"))
                .containsEntry("b", List.of(" c")).containsEntry("d", List.of(""));
    }

    @Test
    void WIDGET_anEventStreamIsAnAsyncResponseEndedWhenTheVisitorLeavesOrTheServletStops() throws Exception {
        Exchange login = run(withBody(new Exchange("/api/" + KEY + "/session"), "{}"));
        String token = login.text().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");

        Exchange leaving = new Exchange("/api/" + KEY + "/events");
        leaving.query = "t=" + token;
        run(leaving);
        Exchange staying = new Exchange("/api/" + KEY + "/events");
        staying.query = "t=" + token;
        run(staying);

        assertThat(staying.async).isTrue();
        assertThat(staying.timeout).isEqualTo(Duration.ofMinutes(30).toMillis());
        assertThat(staying.answered).containsEntry("Content-Type", "text/event-stream;charset=UTF-8");
        assertThat(staying.text()).startsWith("retry: 3000\n");
        assertThat(live.open()).isEqualTo(2);

        leaving.listeners.get(0).onError(new AsyncEvent(leaving.context));
        assertThat(live.open()).isEqualTo(1);
        assertThat(leaving.completed).isTrue();

        servlet.deactivate();
        assertThat(live.open()).isZero();
        assertThat(staying.completed).isTrue();
    }

    @Test
    void WIDGET_theScriptIsServedAtWidgetJsAndNothingElseOutsideTheApi() throws Exception {
        Exchange script = new Exchange("/widget.js");
        script.headers.put("Accept-Encoding", "gzip");
        run(script);
        Exchange other = run(new Exchange("/admin"));

        boolean built = WidgetServlet.class.getClassLoader().getResource(ScriptResource.RESOURCE) != null;
        assertThat(script.status).isEqualTo(built ? 200 : 404);
        if (built) {
            assertThat(script.answered).containsEntry("Cache-Control", "public, max-age=300")
                    .containsEntry("Content-Encoding", "gzip").containsKey("ETag");
        }
        assertThat(other.status).isEqualTo(404);
    }

    private static Exchange withBody(Exchange e, String body) {
        e.method = "POST";
        e.body = body.getBytes(StandardCharsets.UTF_8);
        return e;
    }
}
