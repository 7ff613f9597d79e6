package luocdo.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Neo4j Community with its Bolt connector on a loopback port, auth off, data in a given folder.
 *
 * <p>Usage: {@code java -cp ... luocdo.testserver.Neo4jTestServer DATA_DIR [PORT] [setting=value ...]}.
 * PORT 0 (the default) lets the system pick a free port.  Once Bolt listens, one line
 * {@code READY bolt://127.0.0.1:PORT} goes to stdout.  The server stops cleanly when its
 * standard input closes (the process that started it ended, whatever the way) or on SIGTERM.
 */
public final class Neo4jTestServer {
    private Neo4jTestServer() {}

    /** Settings given as text (``server.memory.pagecache.size=64m``), parsed and checked by Neo4j. */
    private static Map<Setting<?>, Object> parsed(Map<String, String> raw) {
        Config config = Config.newBuilder().setRaw(raw).build();
        Map<String, Setting<Object>> declared = config.getDeclaredSettings();
        Map<Setting<?>, Object> out = new HashMap<>();
        for (String name : raw.keySet()) {
            Setting<Object> setting = declared.get(name);
            if (setting == null) {
                throw new IllegalArgumentException("unknown Neo4j setting: " + name);
            }
            out.put(setting, config.get(setting));
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: Neo4jTestServer DATA_DIR [PORT] [setting=value ...]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        Map<String, String> raw = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                System.err.println("not a setting=value pair: " + args[i]);
                System.exit(2);
            }
            raw.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(parsed(raw))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));

        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        HostnamePort bolt = db.getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        System.out.println("READY bolt://" + bolt.getHost() + ":" + bolt.getPort());
        System.out.flush();

        InputStream in = System.in;
        byte[] buf = new byte[256];
        while (in.read(buf) >= 0) {
            // Nothing to read: the server runs until its input closes.
        }
        System.exit(0);  // runs the shutdown hook
    }
}
