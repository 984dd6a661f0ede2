package dev.fivenines.e2e.sandbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import dev.fivenines.tables.AuthTables;
import dev.fivenines.testing.aws.LocalCloud;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Keeps the local cloud's DynamoDB regions running for {@code e2e/bin/run}, with the runtime's tables created in
 * each (what the operator does when AWS is on), until stopped. Writes {@code endpoints} (one {@code region=url}
 * a line) into the state folder once every region answers.
 */
public final class LocalCloudMain {

    private LocalCloudMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: LocalCloudMain <state-dir> <table-prefix> <region>...");
            System.exit(2);
        }
        Path state = Path.of(args[0]);
        String prefix = args[1];
        List<String> regions = Arrays.asList(args).subList(2, args.length);
        LocalCloud cloud = LocalCloud.builder().regions(regions).route53(false).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cloud.close();
            stopped.countDown();
        }, "local-cloud-stop"));
        for (String region : regions) {
            try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(cloud.dynamoDbEndpoint(region))
                    .region(Region.of(region))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(LocalCloud.ACCESS_KEY_ID, LocalCloud.SECRET_ACCESS_KEY)))
                    .build()) {
                AuthTables.all(prefix).forEach(dynamo::createTable);
            }
        }
        String endpoints = regions.stream().map(r -> r + "=" + cloud.dynamoDbEndpoint(r)).collect(Collectors.joining("\n")) + "\n";
        Files.createDirectories(state);
        Path tmp = state.resolve("endpoints.tmp");
        Files.writeString(tmp, endpoints, StandardCharsets.UTF_8);
        Files.move(tmp, state.resolve("endpoints"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.print("local cloud ready:\n" + endpoints);
        stopped.await();
    }
}
