package dev.mosaic.gateway.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a gateway started without an identity provider as one clear start-up failure, not a bean-creation stack trace. */
public final class IdentityProviderNotConfiguredFailureAnalyzer
        extends AbstractFailureAnalyzer<IdentityProviderNotConfiguredException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IdentityProviderNotConfiguredException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Configure the identity provider the gateway should trust (gateway/README.md, \"Security decisions\"), "
                        + "then start again.",
                cause);
    }
}
