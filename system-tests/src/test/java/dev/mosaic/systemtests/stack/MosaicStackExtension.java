package dev.mosaic.systemtests.stack;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes a {@link MosaicStack} parameter (constructor, lifecycle or test method). One
 * stack per test JVM: started by the first class that asks, kept in the root context's store and
 * closed by JUnit when the whole run ends. A stack that failed to start is not retried by every
 * following class: they fail at once with the same cause.
 *
 * <pre>{@code
 * @ExtendWith(MosaicStackExtension.class)
 * class SomethingIT {
 *     SomethingIT(MosaicStack stack) { ... }
 * }
 * }</pre>
 */
public final class MosaicStackExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MosaicStackExtension.class);

    /** The started stack or why it could not start; closing it stops the JVMs. */
    private record StartedStack(MosaicStack stack, RuntimeException failure) implements AutoCloseable {

        MosaicStack get() {
            if (failure != null) {
                throw new IllegalStateException("the Mosaic stack did not start (see the first failing test): " + failure.getMessage(), failure);
            }
            return stack;
        }

        @Override
        public void close() {
            if (stack != null) {
                stack.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == MosaicStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return extensionContext.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(StartedStack.class, key -> start(), StartedStack.class)
                .get();
    }

    private static StartedStack start() {
        Path apps = Path.of(System.getProperty("mosaic.system-tests.apps", "target/apps"));
        Path logs = Path.of(System.getProperty("mosaic.system-tests.logs", "target/system-tests-logs"));
        // a composition written as a team would, served from a directory like MOSAIC_COMPOSITIONS_LOCATION
        Path compositions = Path.of(System.getProperty("mosaic.system-tests.compositions",
                "src/test/resources/user-compositions"));
        try {
            return new StartedStack(MosaicStack.start(apps, logs, compositions), null);
        }
        catch (RuntimeException e) {
            return new StartedStack(null, e);
        }
    }
}
