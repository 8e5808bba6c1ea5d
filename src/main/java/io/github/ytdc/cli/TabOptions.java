package io.github.ytdc.cli;

import io.github.ytdc.coord.TabNames;
import picocli.CommandLine.Option;

/** The five tab titles, for sheets whose tabs are named otherwise (each also reads a {@code YTDC_...} variable). */
final class TabOptions {
    @Option(names = "--sources-tab", paramLabel = "TITLE", defaultValue = "${env:YTDC_SOURCES_TAB:-Sources}",
            description = "Title of the Sources tab (default: ${DEFAULT-VALUE}). Env: YTDC_SOURCES_TAB.")
    String sources;

    @Option(names = "--videos-tab", paramLabel = "TITLE", defaultValue = "${env:YTDC_VIDEOS_TAB:-Video Tasks}",
            description = "Title of the Video Tasks tab (default: ${DEFAULT-VALUE}). Env: YTDC_VIDEOS_TAB.")
    String videos;

    @Option(names = "--dead-sources-tab", paramLabel = "TITLE",
            defaultValue = "${env:YTDC_DEAD_SOURCES_TAB:-Dead-Letter Sources}",
            description = "Title of the Dead-Letter Sources tab (default: ${DEFAULT-VALUE}). Env: YTDC_DEAD_SOURCES_TAB.")
    String deadSources;

    @Option(names = "--dead-videos-tab", paramLabel = "TITLE",
            defaultValue = "${env:YTDC_DEAD_VIDEOS_TAB:-Dead-Letter Tasks}",
            description = "Title of the Dead-Letter Tasks tab (default: ${DEFAULT-VALUE}). Env: YTDC_DEAD_VIDEOS_TAB.")
    String deadVideos;

    @Option(names = "--workers-tab", paramLabel = "TITLE", defaultValue = "${env:YTDC_WORKERS_TAB:-Workers}",
            description = "Title of the Workers tab (default: ${DEFAULT-VALUE}). Env: YTDC_WORKERS_TAB.")
    String workers;

    /** The titles chosen. */
    public TabNames tabNames() {
        return new TabNames(sources.strip(), videos.strip(), deadSources.strip(), deadVideos.strip(), workers.strip());
    }
}
