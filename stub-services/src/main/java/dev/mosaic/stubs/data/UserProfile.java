package dev.mosaic.stubs.data;

import java.time.LocalDate;

/** The user service's answer: {@code {"id","name","email","tier","memberSince"}}. */
public record UserProfile(String id, String name, String email, String tier, LocalDate memberSince) {
}
