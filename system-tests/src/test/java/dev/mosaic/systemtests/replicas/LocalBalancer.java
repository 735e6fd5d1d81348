package dev.mosaic.systemtests.replicas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local nginx and redis-server of {@code ./mosaic up --replicas} as processes of the test, on free
 * ports; the nginx configuration has the directives of {@code deploy/local/replicas.bash}. Missing
 * programs fail the test with what to install ({@code .ci/run} installs both).
 */
final class LocalBalancer {

    private LocalBalancer() {
    }

    static Process redis(int port, Path logs) throws IOException {
        return new ProcessBuilder(program("redis-server", "redis-server"), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("replicas-redis.log").toFile())
                .start();
    }

    static Process nginx(int port, List<Integer> gateways, Path directory) throws IOException {
        Files.createDirectories(directory);
        StringBuilder upstreams = new StringBuilder();
        for (int gateway : gateways) {
            upstreams.append("    server 127.0.0.1:").append(gateway).append(" max_fails=1 fail_timeout=2s;\n");
        }
        String d = directory.toAbsolutePath().toString();
        Files.writeString(directory.resolve("nginx.conf"), """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/client-body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  upstream mosaic_gateways {
                %2$s    keepalive 64;
                  }
                  server {
                    listen 127.0.0.1:%3$d;
                    location / {
                      proxy_pass http://mosaic_gateways;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_set_header Host $http_host;
                      proxy_next_upstream error timeout;
                      proxy_next_upstream_tries %4$d;
                      proxy_connect_timeout 1s;
                      proxy_read_timeout 35s;
                    }
                  }
                }
                """.formatted(d, upstreams, port, gateways.size()));
        return new ProcessBuilder(program("nginx", "nginx-light"), "-p", d + "/", "-c", d + "/nginx.conf",
                "-e", d + "/error.log")
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("nginx.out").toFile())
                .start();
    }

    static void stop(Process process) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String program(String name, String debianPackage) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " is not installed; the replicas test needs it: "
                + "apt-get install -y " + debianPackage + " (.ci/run installs it)");
    }
}
