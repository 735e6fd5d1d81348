package dev.mosaic.compositions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every composition an application serves: the shipped ones ({@value #SHIPPED_DIRECTORY} on the
 * class path) plus every {@code *.yaml}/{@code *.yml} file in the directory named by
 * {@value #LOCATION_PROPERTY}; a file whose {@code name} equals a shipped composition replaces it.
 * Loading validates everything a file alone can tell, and across files duplicate names, duplicate
 * or overlapping paths and paths under another route; any problem stops start-up.
 *
 * <pre>{@code
 * Compositions compositions = Compositions.load(environment.getProperty(Compositions.LOCATION_PROPERTY),
 *         Compositions.GATEWAY_ROUTES);
 * compositions.requireSources(properties.sources().keySet());   // the composer's own check
 * }</pre>
 */
public final class Compositions {

    /** The property (environment {@code MOSAIC_COMPOSITIONS_LOCATION}) naming the directory of extra files. */
    public static final String LOCATION_PROPERTY = "mosaic.compositions.location";

    /** Where the shipped files are on the class path. */
    public static final String SHIPPED_DIRECTORY = "compositions/";

    /** The shipped files. */
    public static final List<String> SHIPPED = List.of("dashboard.yaml", "order-detail.yaml");

    /**
     * Paths (without {@code /api}) the gateway routes elsewhere: a composition under one of them
     * would never be reached, or would hide a backend.
     */
    public static final List<String> GATEWAY_ROUTES = List.of("/users", "/orders", "/recommendations", "/me");

    private final List<Composition> compositions;
    private final Map<String, Composition> byName;

    private Compositions(List<Composition> compositions) {
        this.compositions = List.copyOf(compositions);
        Map<String, Composition> names = new LinkedHashMap<>();
        compositions.forEach(c -> names.put(c.name(), c));
        this.byName = names;
    }

    /**
     * The shipped compositions and those in {@code location} (null or blank: none).
     *
     * @param reservedRoutes paths no composition may fall under
     * @throws InvalidCompositionException listing every problem
     */
    public static Compositions load(String location, Collection<String> reservedRoutes) {
        Map<String, String> shipped = new LinkedHashMap<>();
        for (String file : SHIPPED) {
            shipped.put(SHIPPED_DIRECTORY + file, resource(SHIPPED_DIRECTORY + file));
        }
        Map<String, String> extra = new LinkedHashMap<>();
        List<CompositionProblem> problems = new ArrayList<>();
        if (location != null && !location.isBlank()) {
            readDirectory(Path.of(location.trim()), extra, problems);
        }
        return of(shipped, extra, reservedRoutes, problems);
    }

    /**
     * Compositions from file contents (file name → YAML), {@code extra} replacing {@code shipped} by
     * composition name.
     */
    public static Compositions of(Map<String, String> shipped, Map<String, String> extra,
            Collection<String> reservedRoutes) {
        return of(shipped, extra, reservedRoutes, new ArrayList<>());
    }

    private static Compositions of(Map<String, String> shipped, Map<String, String> extra,
            Collection<String> reservedRoutes, List<CompositionProblem> problems) {
        Map<String, Composition> result = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : shipped.entrySet()) {
            Composition c = CompositionReader.read(file.getKey(), file.getValue(), problems);
            if (c != null) {
                result.put(c.name(), c);
            }
        }
        Map<String, Composition> own = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : extra.entrySet()) {
            Composition c = CompositionReader.read(file.getKey(), file.getValue(), problems);
            if (c == null) {
                continue;
            }
            Composition earlier = own.putIfAbsent(c.name(), c);
            if (earlier != null) {
                problems.add(new CompositionProblem(c.file(), "name", "'" + c.name() + "' is also the name of "
                        + earlier.file() + "; names must be unique"));
                continue;
            }
            // a file named like a shipped composition replaces it (and keeps its place in the order)
            result.put(c.name(), c);
        }
        List<Composition> all = new ArrayList<>(result.values());
        checkPaths(all, reservedRoutes, problems);
        if (!problems.isEmpty()) {
            throw new InvalidCompositionException(problems);
        }
        return new Compositions(all);
    }

    private static void checkPaths(List<Composition> all, Collection<String> reserved,
            List<CompositionProblem> problems) {
        for (int i = 0; i < all.size(); i++) {
            Composition c = all.get(i);
            for (String route : reserved) {
                if (c.path().under(route, c.params())) {
                    problems.add(new CompositionProblem(c.file(), "path", c.path() + " clashes with the route "
                            + "/api" + route + "/** (served elsewhere); choose another first segment"));
                }
            }
            for (int j = 0; j < i; j++) {
                Composition other = all.get(j);
                if (c.path().overlaps(other.path(), c.params(), other.params())) {
                    problems.add(new CompositionProblem(c.file(), "path", c.path() + " clashes with "
                            + other.path() + " of '" + other.name() + "' (" + other.file()
                            + "): one request could match both"));
                }
            }
        }
    }

    private static void readDirectory(Path directory, Map<String, String> files, List<CompositionProblem> problems) {
        String shown = directory.toString();
        if (!Files.isDirectory(directory)) {
            problems.add(new CompositionProblem(shown, LOCATION_PROPERTY, "not a directory (set "
                    + "MOSAIC_COMPOSITIONS_LOCATION to a directory of *.yaml files)"));
            return;
        }
        List<Path> yamlFiles;
        try (Stream<Path> entries = Files.list(directory)) {
            yamlFiles = entries.filter(Compositions::isYaml).sorted().toList();
        } catch (IOException e) {
            problems.add(new CompositionProblem(shown, LOCATION_PROPERTY, "cannot be read: " + e.getMessage()));
            return;
        }
        for (Path file : yamlFiles) {
            try {
                files.put(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (MalformedInputException e) {
                problems.add(new CompositionProblem(file.toString(), "", "not UTF-8 text; save it as UTF-8"));
            } catch (IOException e) {
                problems.add(new CompositionProblem(file.toString(), "", "cannot be read: " + e.getMessage()));
            }
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static String resource(String name) {
        try (InputStream in = Compositions.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("shipped composition " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks that every section names a known source (the composer's {@code mosaic.composer.sources}).
     *
     * @throws InvalidCompositionException naming each section with an unknown source
     */
    public void requireSources(Set<String> known) {
        List<CompositionProblem> problems = new ArrayList<>();
        for (Composition c : compositions) {
            for (SectionDefinition s : c.sections()) {
                if (!known.contains(s.source())) {
                    problems.add(new CompositionProblem(c.file(), "sections." + s.name() + ".source", "unknown source '"
                            + s.source() + "' (known: " + (known.isEmpty() ? "none" : String.join(", ", known.stream().sorted().toList()))
                            + "); add mosaic.composer.sources." + s.source() + ".url"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidCompositionException(problems);
        }
    }

    /** Every composition, shipped ones first. */
    public List<Composition> all() {
        return compositions;
    }

    /** The composition called {@code name}, or null. */
    public Composition byName(String name) {
        return byName.get(name);
    }
}
