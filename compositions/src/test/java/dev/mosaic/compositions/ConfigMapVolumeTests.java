package dev.mosaic.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kubernetes ConfigMap mounted as {@code mosaic.compositions.location} (deploy/k8s): kubelet
 * writes the files into a hidden timestamped directory, points {@code ..data} at it and links
 * each key to {@code ..data/<key>}, so that an update swaps all files at once. Each composition is
 * read once, through its link, and the hidden copies are not read a second time.
 */
class ConfigMapVolumeTests {

    private static final String PROFILE = """
            name: profile
            path: /profile/{userId}
            params:
              userId: "[A-Za-z0-9_-]{1,64}"
            sections:
              user:
                source: user
                get: /users/{userId}
                required: true
            """;

    @TempDir
    Path volume;

    @Test
    void readsEachKeyOfAMountedConfigMapOnce() throws IOException {
        Path timestamped = Files.createDirectory(volume.resolve("..2026_12_01_14_00_00.123456789"));
        Files.writeString(timestamped.resolve("profile.yaml"), PROFILE, StandardCharsets.UTF_8);
        Files.writeString(timestamped.resolve("dashboard.yaml"),
                PROFILE.replace("name: profile", "name: dashboard").replace("/profile/", "/dashboard/"),
                StandardCharsets.UTF_8);
        Files.createSymbolicLink(volume.resolve("..data"), timestamped.getFileName());
        Files.createSymbolicLink(volume.resolve("profile.yaml"), Path.of("..data/profile.yaml"));
        Files.createSymbolicLink(volume.resolve("dashboard.yaml"), Path.of("..data/dashboard.yaml"));

        Compositions compositions = Compositions.load(volume.toString(), Compositions.GATEWAY_ROUTES);

        assertThat(compositions.all()).extracting(Composition::name)
                .containsExactly("dashboard", "order-detail", "profile");
        assertThat(compositions.byName("dashboard").file()).as("the mounted file replaces the shipped one")
                .isEqualTo(volume.resolve("dashboard.yaml").toString());
        assertThat(compositions.byName("profile").file()).isEqualTo(volume.resolve("profile.yaml").toString());
    }
}
