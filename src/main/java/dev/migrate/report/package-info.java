/** What a run shows and leaves behind: progress while it runs, the summary table, the JSON report. */
package dev.migrate.report;
