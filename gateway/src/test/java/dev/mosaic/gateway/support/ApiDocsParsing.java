package dev.mosaic.gateway.support;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/** Reads an OpenAPI document with swagger-parser, resolving and validating its internal references. */
public final class ApiDocsParsing {

    private ApiDocsParsing() {
    }

    /** The parsed document and every message the parser had about it. */
    public static SwaggerParseResult parse(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        return new OpenAPIV3Parser().readContents(json, null, options);
    }
}
