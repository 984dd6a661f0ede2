package dev.fivenines.aws.memory;

import java.time.Duration;

import dev.fivenines.aws.RolloutLedger;
import dev.fivenines.aws.RolloutLedgerContract;

/** The rollout-ledger contract on the in-memory fake. */
class RolloutLedgerInMemoryTest extends RolloutLedgerContract {

    @Override
    protected Fixture openFixture() {
        MemoryRolloutLedger memory = new MemoryRolloutLedger().withTable("fivenines-auth", "us-east-1", "eu-west-1");
        return new Fixture() {
            @Override
            public RolloutLedger ledger() {
                return memory;
            }

            @Override
            public String table() {
                return "fivenines-auth";
            }

            @Override
            public String home() {
                return "us-east-1";
            }

            @Override
            public String other() {
                return "eu-west-1";
            }

            @Override
            public String withoutTable() {
                return "us-west-2";
            }

            @Override
            public Duration replication() {
                return Duration.ZERO;
            }

            @Override
            public void close() {
                // each test has a fake of its own
            }
        };
    }
}
