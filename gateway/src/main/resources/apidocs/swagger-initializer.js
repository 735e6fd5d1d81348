// Swagger UI over the gateway's own OpenAPI document: nothing is fetched from anywhere else
// (no online validator badge, no ?url= override), so the page works offline and under a strict CSP.
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: 'none',
    queryConfigEnabled: false,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  });
});
