package dev.mosaic.composer.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A backend's base URL: absolute {@code http} or {@code https}, with a host, without query or fragment. */
@Documented
@Constraint(validatedBy = BaseUrl.Validator.class)
@Target({ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface BaseUrl {

    String message() default "must be an http:// or https:// URL with a host (and no query), e.g. http://127.0.0.1:9002";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check; null is left to {@code @NotNull}. */
    final class Validator implements ConstraintValidator<BaseUrl, URI> {
        @Override
        public boolean isValid(URI value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String scheme = value.getScheme();
            return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    && value.getHost() != null && value.getRawQuery() == null && value.getRawFragment() == null;
        }
    }
}
