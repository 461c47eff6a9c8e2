package dev.migrate.spark;

import java.util.Map;

import dev.migrate.engine.Cluster;

/** What {@link java.util.ServiceLoader} finds for {@code --spark}. */
public final class SparkClusterFactory implements Cluster.Factory {

    @Override
    public Cluster open(String master, Map<String, String> conf, String application, Integer tasks) throws Exception {
        return SparkCluster.open(master, conf, application, tasks);
    }
}
