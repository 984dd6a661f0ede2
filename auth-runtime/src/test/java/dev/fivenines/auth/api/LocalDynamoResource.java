package dev.fivenines.auth.api;

import java.util.List;
import java.util.Map;

import dev.fivenines.testing.aws.LocalCloud;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** DynamoDB Local for the runtime, in the test JVM on 127.0.0.1, reached through the real SDK over HTTP. */
public class LocalDynamoResource implements QuarkusTestResourceLifecycleManager {

    private LocalCloud cloud;

    @Override
    public Map<String, String> start() {
        cloud = LocalCloud.builder().regions(List.of("us-east-1")).route53(false).start();
        System.setProperty("aws.accessKeyId", LocalCloud.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", LocalCloud.SECRET_ACCESS_KEY);
        return Map.of("fivenines.storage.endpoint", cloud.dynamoDbEndpoint("us-east-1").toString(),
                "fivenines.storage.create-tables", "true",
                "fivenines.storage.table-prefix", "runtime",
                // DynamoDB Local in the test JVM, cold and on a busy two-core machine, can take longer than the 500 ms default
                "fivenines.storage.hop-timeout", "5s",
                "fivenines.admin.bootstrap-secrets.acme", "acme-bootstrap-secret",
                "fivenines.admin.bootstrap-secrets.globex", "globex-bootstrap-secret");
    }

    @Override
    public void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }
}
