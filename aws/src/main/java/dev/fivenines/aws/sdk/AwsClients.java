package dev.fivenines.aws.sdk;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.Route53ClientBuilder;

/**
 * The SDK clients the adapters use: one DynamoDB client per region and one Route 53 client, each built on first use
 * and reused, all sharing one HTTP client and one credentials provider. Closing closes them all.
 */
public final class AwsClients implements AutoCloseable {

    private final AwsSettings settings;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final AwsCallListener calls;
    private final Map<String, DynamoDbClient> dynamoDb = new ConcurrentHashMap<>();
    private Route53Client route53;

    private AwsClients(AwsSettings settings, AwsCallListener calls) {
        this.settings = settings;
        this.calls = calls;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(20))
                .build();
        this.credentials = settings.staticCredentials()
                .<AwsCredentialsProvider>map(keys -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey())))
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    public static AwsClients create(AwsSettings settings) {
        return new AwsClients(settings, AwsCallListener.NONE);
    }

    /** @param calls told of every call the clients make */
    public static AwsClients create(AwsSettings settings, AwsCallListener calls) {
        return new AwsClients(settings, calls);
    }

    public AwsSettings settings() {
        return settings;
    }

    public DynamoDbClient dynamoDb(String region) {
        return dynamoDb.computeIfAbsent(region, key -> {
            DynamoDbClientBuilder builder = DynamoDbClient.builder()
                    .region(Region.of(key))
                    .httpClient(http)
                    .credentialsProvider(credentials)
                    .overrideConfiguration(overrides());
            URI endpoint = settings.dynamoDbEndpoints().get(key);
            if (endpoint != null) {
                builder.endpointOverride(endpoint);
            }
            return builder.build();
        });
    }

    public synchronized Route53Client route53() {
        if (route53 == null) {
            Route53ClientBuilder builder = Route53Client.builder()
                    .region(Region.AWS_GLOBAL)
                    .httpClient(http)
                    .credentialsProvider(credentials)
                    .overrideConfiguration(overrides());
            settings.route53Endpoint().ifPresent(builder::endpointOverride);
            route53 = builder.build();
        }
        return route53;
    }

    private ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(settings.apiCallTimeout())
                .retryStrategy(retry -> retry.maxAttempts(settings.maxAttempts()))
                .addExecutionInterceptor(new CallCounting(calls))
                .build();
    }

    @Override
    public synchronized void close() {
        dynamoDb.values().forEach(DynamoDbClient::close);
        dynamoDb.clear();
        if (route53 != null) {
            route53.close();
            route53 = null;
        }
        if (credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
        http.close();
    }
}
