package dev.migrate.spark;

import java.util.ArrayList;
import java.util.List;

import dev.migrate.cli.Main;

/**
 * The entry point for {@code spark-submit}: {@code spark-submit --class dev.migrate.spark.SparkMain migrate.jar run
 * script.groovy [options]}. It is the command line's {@code run}, on the master spark-submit was given (its
 * {@code spark.master}) unless the arguments name one with {@code --spark}.
 */
public final class SparkMain {

    private SparkMain() {
    }

    public static void main(String[] args) {
        System.exit(Main.execute(arguments(args, System.getProperty("spark.master"))));
    }

    static String[] arguments(String[] args, String master) {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.isEmpty() || !all.get(0).equals("run")) {
            all.add(0, "run");
        }
        if (master != null && all.stream().noneMatch(a -> a.equals("--spark") || a.startsWith("--spark="))) {
            all.add("--spark");
            all.add(master);
        }
        return all.toArray(String[]::new);
    }
}
