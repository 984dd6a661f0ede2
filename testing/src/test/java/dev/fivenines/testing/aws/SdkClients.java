package dev.fivenines.testing.aws;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.route53.Route53Client;

/** AWS SDK clients pointed at a local cloud, closed together. No retries, so injected faults show at once. */
final class SdkClients implements AutoCloseable {

    private final LocalCloud cloud;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final List<AutoCloseable> clients = new ArrayList<>();

    SdkClients(LocalCloud cloud) {
        this.cloud = cloud;
    }

    DynamoDbClient dynamoDb(String region) {
        DynamoDbClient client = DynamoDbClient.builder()
                .region(Region.of(region))
                .endpointOverride(cloud.dynamoDbEndpoint(region))
                .credentialsProvider(credentials())
                .httpClient(http)
                .overrideConfiguration(noRetries())
                .build();
        clients.add(client);
        return client;
    }

    Route53Client route53() {
        Route53Client client = Route53Client.builder()
                .region(Region.AWS_GLOBAL)
                .endpointOverride(cloud.route53Endpoint())
                .credentialsProvider(credentials())
                .httpClient(http)
                .overrideConfiguration(noRetries())
                .build();
        clients.add(client);
        return client;
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalCloud.ACCESS_KEY_ID, LocalCloud.SECRET_ACCESS_KEY));
    }

    private static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .retryStrategy(builder -> builder.maxAttempts(1))
                .build();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        http.close();
    }
}
