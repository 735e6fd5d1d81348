package dev.mosaic.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every environment variable a manifest gives a Mosaic container binds to a property that
 * application really has, by Spring Boot's relaxed binding: {@code mosaic.gateway.composer-url}
 * is read from {@code MOSAIC_GATEWAY_COMPOSER_URL} or {@code MOSAIC_GATEWAY_COMPOSERURL}. A
 * misspelt variable is not an error to Spring (it is just never read), so it is one here.
 *
 * <p>A property is known when Spring Boot declares it (the {@code spring-configuration-metadata.json}
 * of Boot's jars on this test's class path), when the module's {@code application*.yml} sets it, or
 * when the module's README names it in full ({@code `mosaic.gateway.warm-up.token-uri`}).
 */
final class EnvironmentBinding {

    /** Read by the JVM launcher, not by Spring. */
    static final Set<String> NOT_PROPERTIES = Set.of("JDK_JAVA_OPTIONS");

    private static final Pattern DOCUMENTED = Pattern.compile("`((?:mosaic|spring|server|management|logging)\\.[a-z0-9.-]+)`");

    private final Set<String> bootProperties;

    private EnvironmentBinding(Set<String> bootProperties) {
        this.bootProperties = bootProperties;
    }

    /** With every property Spring Boot's jars on the class path declare. */
    static EnvironmentBinding withBootMetadata() {
        Set<String> names = new LinkedHashSet<>();
        JsonMapper json = JsonMapper.builder().build();
        try {
            Enumeration<URL> files = EnvironmentBinding.class.getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json");
            while (files.hasMoreElements()) {
                try (InputStream in = files.nextElement().openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        names.add(property.path("name").asString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EnvironmentBinding(names);
    }

    Set<String> bootProperties() {
        return bootProperties;
    }

    /** One line per variable of a Mosaic container that no property of its module reads. */
    List<String> check(Rendered rendered, Project project) {
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : rendered.deployments()) {
            for (Container container : WorkloadChecks.pod(deployment).getContainers()) {
                Optional<Project.Module> module = project.module(container.getImage());
                if (module.isEmpty() || !module.get().exists()) {
                    continue;
                }
                Set<String> known = new LinkedHashSet<>(bootProperties);
                known.addAll(module.get().applicationProperties().keySet());
                Matcher documented = DOCUMENTED.matcher(module.get().readme());
                while (documented.find()) {
                    known.add(documented.group(1));
                }
                for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                    if (!NOT_PROPERTIES.contains(env.getName()) && property(env.getName(), known).isEmpty()) {
                        problems.add(WorkloadChecks.where(deployment, container) + ": " + env.getName()
                                + " binds to no property of " + module.get().name()
                                + " (not in Spring Boot's metadata, its application.yml or its README)");
                    }
                }
            }
        }
        return problems;
    }

    /** The property among {@code known} that Spring Boot would bind {@code variable} to. */
    static Optional<String> property(String variable, Set<String> known) {
        return known.stream().filter(p -> variable.equals(environmentForm(p, "")) || variable.equals(environmentForm(p, "_")))
                .findFirst();
    }

    /** {@code mosaic.gateway.composer-url} → {@code MOSAIC_GATEWAY_COMPOSERURL} ({@code ""}) or {@code …_COMPOSER_URL} ({@code "_"}). */
    static String environmentForm(String property, String dash) {
        return property.replace(".", "_").replace("-", dash).toUpperCase(Locale.ROOT);
    }
}
