"""Fixtures for the tests against a real streaming replica (tests/replica/cluster.py).

The replica copies the whole PostgreSQL cluster, so it is started only where asked for:
`FACTDESK_REPLICA_TEST_PORT=5433` (CI sets it; see .ci/run). Asked for and impossible to set
up (no pg_basebackup, replication refused, the port taken), the tests fail saying why.
"""

import os

import pytest
from django.db import connection, connections

from tests.replica.cluster import ReplicaUnavailable, StreamingReplica

PORT_VARIABLE = "FACTDESK_REPLICA_TEST_PORT"


@pytest.fixture(scope="session")
def streaming_replica(django_db_setup):
    """A hot standby of the test database's cluster, streaming, for the whole session."""
    if connection.vendor != "postgresql":
        pytest.skip("streaming replication needs PostgreSQL (DATABASE_URL=postgres://…)")
    port = os.environ.get(PORT_VARIABLE, "")
    if not port:
        pytest.skip(
            f"set {PORT_VARIABLE}=5433 to start a streaming replica of the test cluster "
            "(pg_basebackup copies the whole cluster; CI does this in .ci/run)"
        )
    replica = StreamingReplica(primary=connection.settings_dict, port=int(port))
    try:
        replica.start()
    except ReplicaUnavailable as error:
        replica.stop()
        pytest.fail(f"{PORT_VARIABLE} asks for a streaming replica, but: {error}")
    yield replica
    replica.stop()


@pytest.fixture
def replica(streaming_replica, settings, transactional_db):
    """Public pages read from the streaming replica (the `replica` alias, pointed at it).

    The test settings' `replica` alias mirrors the test database on the primary; here it is
    pointed at the standby instead, and put back afterwards. Each test starts with the
    replica replaying and caught up, and leaves it replaying.
    """
    wrapper = connections["replica"]
    saved = {key: wrapper.settings_dict[key] for key in ("HOST", "PORT")}
    wrapper.close()
    wrapper.settings_dict.update(HOST=streaming_replica.host, PORT=str(streaming_replica.port))
    settings.FACTDESK_REPLICA = "replica"
    streaming_replica.resume()
    streaming_replica.catch_up()
    yield streaming_replica
    streaming_replica.resume()
    streaming_replica.catch_up()  # the next test's flush of the primary replays on a live copy
    wrapper.close()
    wrapper.settings_dict.update(saved)
