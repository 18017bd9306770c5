package io.eso4j.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fake's one HTTP endpoint: routes a JSON 1.1 request by the prefix of its {@code X-Amz-Target} header to the
 * service serving it ({@code secretsmanager.<Op>} → Secrets Manager, {@code AmazonSSM.<Op>} → Parameter Store) and
 * everything else (form body {@code Action=<Op>}, XML) to STS; counts and logs the call, injects latency, checks the
 * SigV4 signature, applies deny and fault rules, then dispatches. Runs on the server's executor threads; thread-safe.
 */
final class FakeAwsHandler implements HttpHandler {

    static final String SECRETS_MANAGER = "secretsmanager";
    static final String STS = "sts";
    private static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final String SIGNATURE_MISMATCH =
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret"
                    + " Access Key and signing method. Consult the service documentation for details.";
    private static final String INVALID_TOKEN = "The security token included in the request is invalid.";

    private final ObjectMapper json;
    private final Clock clock;
    private final Set<String> regions;
    private final boolean verifySignatures;
    private final CredentialStore credentials;
    private final Controls controls;
    /** JSON 1.1 services by X-Amz-Target prefix; a target with no known prefix goes to Secrets Manager. */
    private final Map<String, JsonService> jsonServices;

    private final FakeSts sts;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger totalCalls = new AtomicInteger();
    private final List<RecordedRequest> log = new CopyOnWriteArrayList<>();

    FakeAwsHandler(
            ObjectMapper json,
            Clock clock,
            Set<String> regions,
            boolean verifySignatures,
            CredentialStore credentials,
            Controls controls,
            SecretsManagerApi secretsManager,
            JsonService parameterStore,
            JsonService certificateManager,
            JsonService ecr,
            FakeSts sts) {
        this.json = json;
        this.clock = clock;
        this.regions = Set.copyOf(regions);
        this.verifySignatures = verifySignatures;
        this.credentials = credentials;
        this.controls = controls;
        this.jsonServices = Map.of(
                SECRETS_MANAGER + ".",
                secretsManagerService(secretsManager),
                ParameterStoreApi.TARGET_PREFIX,
                parameterStore,
                CertificateManagerApi.TARGET_PREFIX,
                certificateManager,
                EcrApi.TARGET_PREFIX,
                ecr);
        this.sts = sts;
    }

    int calls(String operation) {
        AtomicInteger count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    int totalCalls() {
        return totalCalls.get();
    }

    List<RecordedRequest> requests() {
        return List.copyOf(log);
    }

    void clearObservations() {
        calls.clear();
        totalCalls.set(0);
        log.clear();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            serve(exchange);
        } finally {
            exchange.close();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        Instant received = clock.instant();
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = lowerCaseHeaders(exchange);
        String requestId = UUID.randomUUID().toString();
        String target = first(headers, "x-amz-target");
        SigV4.Authorization authorization = SigV4.parse(first(headers, "authorization"));
        String accessKeyId = authorization == null ? null : authorization.accessKeyId();

        String service;
        String operation;
        JsonNode request = null;
        Map<String, String> form = null;
        JsonService jsonService = null;
        if (target != null) {
            jsonService = jsonServices.get(SECRETS_MANAGER + ".");
            operation = target;
            for (Map.Entry<String, JsonService> route : jsonServices.entrySet()) {
                if (target.startsWith(route.getKey())) {
                    jsonService = route.getValue();
                    operation = target.substring(route.getKey().length());
                }
            }
            service = jsonService.signingName();
        } else {
            service = STS;
            form = parseForm(body);
            operation = form.getOrDefault("Action", "");
        }
        calls.computeIfAbsent(operation, op -> new AtomicInteger()).incrementAndGet();
        totalCalls.incrementAndGet();

        List<String> resourceIds = List.of();
        List<RecordedRequest.Filter> filters = List.of();
        Duration latency = controls.latencyFor(operation);
        Response response;
        try {
            if (jsonService != null) {
                request = parseJson(body);
                resourceIds = jsonService.resourceIds(request);
                filters = jsonService.filters(request);
            } else if (form.containsKey("RoleArn")) {
                resourceIds = List.of(form.get("RoleArn"));
            }
            response = answer(
                    service,
                    operation,
                    request,
                    form,
                    exchange,
                    headers,
                    body,
                    authorization,
                    received,
                    latency,
                    resourceIds,
                    requestId);
        } catch (ApiError e) {
            response = errorResponse(service, e, requestId);
        } catch (RuntimeException e) {
            String code = jsonService != null ? jsonService.internalErrorCode() : "InternalFailure";
            response =
                    errorResponse(service, new ApiError(500, code, "An error occurred on the server side."), requestId);
        }
        // Recorded before answering, so a client that got its answer always finds its request in the log.
        log.add(new RecordedRequest(
                received, service, operation, resourceIds, filters, accessKeyId, latency, response.errorCode()));
        if (response.body() != null) {
            send(exchange, response.status(), response.contentType(), response.body(), requestId);
        } // else: connection reset, handle() closes the exchange without a response
    }

    /** What to answer: a body with status, or (body null) a dropped connection. */
    private record Response(int status, String contentType, byte[] body, String errorCode) {}

    private Response answer(
            String service,
            String operation,
            JsonNode request,
            Map<String, String> form,
            HttpExchange exchange,
            Map<String, List<String>> headers,
            byte[] body,
            SigV4.Authorization authorization,
            Instant received,
            Duration latency,
            List<String> resourceIds,
            String requestId)
            throws IOException {
        String accessKeyId = authorization == null ? null : authorization.accessKeyId();
        sleep(latency);
        boolean anonymous = STS.equals(service) && "AssumeRoleWithWebIdentity".equals(operation);
        if (verifySignatures && !anonymous) {
            authenticate(service, exchange, headers, body, authorization, received);
        }
        if (controls.denied(operation, resourceIds, accessKeyId)) {
            throw accessDenied(service, operation, accessKeyId, resourceIds);
        }
        FaultRule fault = controls.nextFault(operation, resourceIds);
        if (fault != null) {
            if (fault.fault() == Fault.CONNECTION_RESET) {
                return new Response(0, null, null, "ConnectionReset");
            }
            throw faultError(service, fault, operation, accessKeyId, resourceIds);
        }
        JsonService jsonService = jsonService(service);
        if (jsonService != null) {
            ObjectNode result = jsonService.handle(
                    operation, request, accessKeyId, authorization == null ? null : authorization.region());
            return new Response(200, "application/x-amz-json-1.1", json.writeValueAsBytes(result), null);
        }
        return new Response(200, "text/xml", stsResponse(operation, form, accessKeyId, requestId), null);
    }

    // ---- routing ----

    /** The JSON service with this signing name, or null for STS. */
    private JsonService jsonService(String service) {
        for (JsonService candidate : jsonServices.values()) {
            if (candidate.signingName().equals(service)) {
                return candidate;
            }
        }
        return null;
    }

    private static JsonService secretsManagerService(SecretsManagerApi api) {
        return new JsonService() {
            @Override
            public String signingName() {
                return SECRETS_MANAGER;
            }

            @Override
            public String internalErrorCode() {
                return "InternalServiceError";
            }

            @Override
            public List<String> resourceIds(JsonNode request) {
                return SecretsManagerApi.secretIds(request);
            }

            @Override
            public List<RecordedRequest.Filter> filters(JsonNode request) {
                return SecretsManagerApi.filters(request);
            }

            @Override
            public String resourceArn(String resourceId) {
                return resourceId;
            }

            @Override
            public ObjectNode handle(String operation, JsonNode request, String accessKeyId) {
                return api.handle(operation, request, accessKeyId);
            }

            @Override
            public void clearNextTokens() {
                api.clearNextTokens();
            }
        };
    }

    // ---- signature ----

    private void authenticate(
            String service,
            HttpExchange exchange,
            Map<String, List<String>> headers,
            byte[] body,
            SigV4.Authorization authorization,
            Instant now) {
        boolean sm = jsonService(service) != null; // JSON services share their error codes
        String rawAuthorization = first(headers, "authorization");
        if (rawAuthorization == null) {
            throw sm
                    ? ApiError.badRequest("MissingAuthenticationTokenException", "Missing Authentication Token")
                    : new ApiError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        if (authorization == null) {
            throw ApiError.badRequest(
                    sm ? "IncompleteSignatureException" : "IncompleteSignature",
                    "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.");
        }
        String secretKey = credentials.staticSecret(authorization.accessKeyId());
        CredentialStore.Temporary temporary = null;
        String token = first(headers, "x-amz-security-token");
        if (secretKey == null) {
            temporary = credentials.temporary(authorization.accessKeyId());
            if (temporary == null || token == null || !SigV4.sameSignature(temporary.sessionToken(), token)) {
                throw invalidToken(sm);
            }
            if (!now.isBefore(temporary.expiration())) {
                throw sm
                        ? ApiError.badRequest(
                                "ExpiredTokenException", "The security token included in the request is expired")
                        : new ApiError(403, "ExpiredToken", "The security token included in the request is expired");
            }
            secretKey = temporary.secretAccessKey();
        } else if (token != null) {
            throw invalidToken(sm);
        }
        if (!service.equals(authorization.service())) {
            throw signatureError(sm, "Credential should be scoped to correct service: '" + service + "'. ");
        }
        if (!regions.contains(authorization.region())) {
            throw signatureError(sm, "Credential should be scoped to a valid region. ");
        }
        String amzDate = first(headers, "x-amz-date");
        Instant signedAt = SigV4.parseAmzDate(amzDate);
        if (signedAt == null) {
            throw ApiError.badRequest(
                    sm ? "IncompleteSignatureException" : "IncompleteSignature",
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (!amzDate.startsWith(authorization.date())) {
            throw signatureError(
                    sm,
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date" + " from HTTP: '"
                            + authorization.date() + "' != '" + amzDate.substring(0, 8) + "'");
        }
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw signatureError(
                    sm,
                    "Signature expired: " + amzDate + " is now earlier than "
                            + SigV4.AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + SigV4.AMZ_DATE.format(now)
                            + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw signatureError(
                    sm,
                    "Signature not yet current: " + amzDate + " is still later than "
                            + SigV4.AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + SigV4.AMZ_DATE.format(now)
                            + " + 15 min.)");
        }
        SigV4.SignableRequest signable = new SigV4.SignableRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(),
                headers,
                body);
        String expected = SigV4.expectedSignature(secretKey, authorization, signable);
        if (!SigV4.sameSignature(expected, authorization.signature())) {
            throw signatureError(sm, SIGNATURE_MISMATCH);
        }
    }

    private static ApiError invalidToken(boolean sm) {
        return sm
                ? ApiError.badRequest("UnrecognizedClientException", INVALID_TOKEN)
                : new ApiError(403, "InvalidClientTokenId", INVALID_TOKEN);
    }

    private static ApiError signatureError(boolean sm, String message) {
        return sm
                ? ApiError.badRequest("InvalidSignatureException", message)
                : new ApiError(403, "SignatureDoesNotMatch", message);
    }

    // ---- rules ----

    private ApiError accessDenied(String service, String operation, String accessKeyId, List<String> resources) {
        JsonService jsonService = jsonService(service);
        String resource = resources.isEmpty()
                ? "*"
                : String.join(
                        ",",
                        jsonService == null
                                ? resources
                                : resources.stream()
                                        .map(jsonService::resourceArn)
                                        .toList());
        String message = "User: " + sts.callerArn(accessKeyId) + " is not authorized to perform: " + service + ":"
                + operation + " on resource: " + resource + " with an explicit deny";
        return jsonService != null
                ? ApiError.badRequest("AccessDeniedException", message)
                : new ApiError(403, "AccessDenied", message);
    }

    private ApiError faultError(
            String service, FaultRule rule, String operation, String accessKeyId, List<String> resources) {
        JsonService jsonService = jsonService(service);
        boolean sm = jsonService != null;
        switch (rule.fault()) {
            case THROTTLING:
                return ApiError.badRequest(
                        sm ? "ThrottlingException" : "Throttling",
                        rule.message() == null ? "Rate exceeded" : rule.message());
            case INTERNAL_ERROR:
                return new ApiError(
                        500,
                        sm ? jsonService.internalErrorCode() : "InternalFailure",
                        rule.message() == null ? "An error occurred on the server side." : rule.message());
            case ACCESS_DENIED:
                ApiError denied = accessDenied(service, operation, accessKeyId, resources);
                return rule.message() == null ? denied : new ApiError(denied.status(), denied.code(), rule.message());
            default:
                throw new IllegalStateException("unexpected fault " + rule.fault());
        }
    }

    // ---- STS ----

    private byte[] stsResponse(String operation, Map<String, String> form, String accessKeyId, String requestId) {
        StringBuilder xml = new StringBuilder();
        switch (operation) {
            case "AssumeRoleWithWebIdentity": {
                FakeSts.Issued issued = sts.assumeRoleWithWebIdentity(form);
                open(xml, operation);
                credentials(xml, issued);
                element(
                        xml,
                        "SubjectFromWebIdentityToken",
                        "system:serviceaccount:fake:" + form.get("RoleSessionName"));
                assumedRoleUser(xml, issued);
                element(
                        xml,
                        "Provider",
                        form.getOrDefault(
                                "ProviderId", "arn:aws:iam::" + sts.accountId() + ":oidc-provider/fake-oidc"));
                element(xml, "Audience", "sts.amazonaws.com");
                close(xml, operation, requestId);
                break;
            }
            case "AssumeRole": {
                FakeSts.Issued issued = sts.assumeRole(form, accessKeyId);
                open(xml, operation);
                credentials(xml, issued);
                assumedRoleUser(xml, issued);
                close(xml, operation, requestId);
                break;
            }
            case "GetSessionToken": {
                FakeSts.Issued issued = sts.getSessionToken(form, accessKeyId);
                open(xml, operation);
                credentials(xml, issued);
                close(xml, operation, requestId);
                break;
            }
            case "GetCallerIdentity":
                open(xml, operation);
                element(xml, "Arn", sts.callerArn(accessKeyId));
                element(xml, "UserId", accessKeyId == null ? "anonymous" : accessKeyId);
                element(xml, "Account", sts.accountId());
                close(xml, operation, requestId);
                break;
            default:
                throw ApiError.badRequest(
                        "InvalidAction", "Could not find operation " + operation + " for version 2011-06-15");
        }
        return xml.toString().getBytes(UTF_8);
    }

    private static void open(StringBuilder xml, String operation) {
        xml.append("<")
                .append(operation)
                .append("Response xmlns=\"")
                .append(STS_NS)
                .append("\">");
        xml.append("<").append(operation).append("Result>");
    }

    private static void close(StringBuilder xml, String operation, String requestId) {
        xml.append("</").append(operation).append("Result>");
        xml.append("<ResponseMetadata>");
        element(xml, "RequestId", requestId);
        xml.append("</ResponseMetadata>");
        xml.append("</").append(operation).append("Response>");
    }

    private static void credentials(StringBuilder xml, FakeSts.Issued issued) {
        CredentialStore.Temporary c = issued.credentials();
        xml.append("<Credentials>");
        element(xml, "AccessKeyId", c.accessKeyId());
        element(xml, "SecretAccessKey", c.secretAccessKey());
        element(xml, "SessionToken", c.sessionToken());
        element(
                xml,
                "Expiration",
                DateTimeFormatter.ISO_INSTANT.format(c.expiration().truncatedTo(ChronoUnit.SECONDS)));
        xml.append("</Credentials>");
    }

    private static void assumedRoleUser(StringBuilder xml, FakeSts.Issued issued) {
        xml.append("<AssumedRoleUser>");
        element(xml, "AssumedRoleId", issued.assumedRoleId());
        element(xml, "Arn", issued.assumedRoleArn());
        xml.append("</AssumedRoleUser>");
    }

    private static void element(StringBuilder xml, String name, String value) {
        xml.append('<')
                .append(name)
                .append('>')
                .append(escapeXml(value))
                .append("</")
                .append(name)
                .append('>');
    }

    static String escapeXml(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&':
                    out.append("&amp;");
                    break;
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '"':
                    out.append("&quot;");
                    break;
                case '\'':
                    out.append("&apos;");
                    break;
                default:
                    out.append(c);
            }
        }
        return out.toString();
    }

    // ---- wire helpers ----

    private Response errorResponse(String service, ApiError error, String requestId) {
        if (jsonService(service) != null) {
            ObjectNode body = json.createObjectNode();
            body.put("__type", error.code());
            if (error.getMessage() != null) {
                body.put("Message", error.getMessage());
            }
            try {
                return new Response(
                        error.status(), "application/x-amz-json-1.1", json.writeValueAsBytes(body), error.code());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render an error body", e);
            }
        }
        StringBuilder xml = new StringBuilder();
        xml.append("<ErrorResponse xmlns=\"").append(STS_NS).append("\"><Error>");
        element(xml, "Type", error.status() >= 500 ? "Receiver" : "Sender");
        element(xml, "Code", error.code());
        element(xml, "Message", error.getMessage());
        xml.append("</Error>");
        element(xml, "RequestId", requestId);
        xml.append("</ErrorResponse>");
        return new Response(error.status(), "text/xml", xml.toString().getBytes(UTF_8), error.code());
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body, String requestId)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private JsonNode parseJson(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiError.badRequest("SerializationException", "The request body must be a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("SerializationException", "The request body is not valid JSON.");
        } catch (IOException e) {
            throw ApiError.badRequest("SerializationException", "The request body could not be read.");
        }
    }

    static Map<String, String> parseForm(byte[] body) {
        Map<String, String> form = new LinkedHashMap<>();
        String text = new String(body, UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8);
            form.put(name, value);
        }
        return form;
    }

    private static Map<String, List<String>> lowerCaseHeaders(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach(
                        (name, values) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                                .addAll(values));
        return headers;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Simulated network latency: blocks this server thread only, never the caller's. */
    private static void sleep(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(500, "InternalServiceError", "The fake was interrupted while simulating latency.");
        }
    }
}
