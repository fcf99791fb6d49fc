package consumer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URL;
import java.security.Permission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Refuses and records every network connection attempt in this JVM, so that a test fails on one
 * even where the code that tried swallowed the refusal (DJL catches its own network errors).
 *
 * <p>A {@link ProxySelector} sees every URL connection and every plain socket; a security
 * manager, where the JVM still allows one (Java 17), also sees name lookups and NIO channels.
 */
final class NetworkGuard {

    private static final List<String> ATTEMPTS = new CopyOnWriteArrayList<>();

    private NetworkGuard() {
    }

    /** Installs the guard and checks, with two connection attempts of its own, that it refuses and records them. */
    static void install() {
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                throw refuse(uri.toString());
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
            }
        });
        installSecurityManager();
        selfCheck();
    }

    /** The attempts seen since {@link #install()}, each with where it came from. */
    static List<String> attempts() {
        return List.copyOf(ATTEMPTS);
    }

    @SuppressWarnings("removal")
    private static void installSecurityManager() {
        try {
            System.setSecurityManager(new SecurityManager() {
                @Override
                public void checkPermission(Permission permission) {
                }

                @Override
                public void checkPermission(Permission permission, Object context) {
                }

                @Override
                public void checkConnect(String host, int port) {
                    throw refuse(host + ":" + port);
                }

                @Override
                public void checkConnect(String host, int port, Object context) {
                    throw refuse(host + ":" + port);
                }

                @Override
                public void checkListen(int port) {
                    throw refuse("listen on " + port);
                }

                @Override
                public void checkAccept(String host, int port) {
                    throw refuse("accept from " + host + ":" + port);
                }

                @Override
                public void checkMulticast(InetAddress address) {
                    throw refuse("multicast " + address);
                }
            });
        } catch (UnsupportedOperationException e) {
            System.out.println("network guard: proxy selector only (" + e.getMessage() + ")");
        }
    }

    private static void selfCheck() {
        expectRefused(() -> new URL("http://example.org/").openStream().close());
        expectRefused(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(InetSocketAddress.createUnresolved("example.org", 80), 1000);
            }
        });
        ATTEMPTS.clear();
    }

    private interface Attempt {
        void run() throws Exception;
    }

    private static void expectRefused(Attempt attempt) {
        int before = ATTEMPTS.size();
        try {
            attempt.run();
        } catch (Exception | Error e) {
            if (ATTEMPTS.size() > before) {
                return;
            }
            throw new AssertionError("the network guard did not see a connection attempt", e);
        }
        throw new AssertionError("the network guard let a connection through");
    }

    private static SecurityException refuse(String what) {
        StackTraceElement[] stack = new Throwable().getStackTrace();
        StringBuilder where = new StringBuilder();
        for (int i = 2; i < Math.min(stack.length, 14); i++) {
            where.append("\n    at ").append(stack[i]);
        }
        ATTEMPTS.add(what + where);
        return new SecurityException("no network in this test: " + what);
    }
}
