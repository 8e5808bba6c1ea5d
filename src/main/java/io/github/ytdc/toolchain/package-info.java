/**
 * The managed toolchain: a current yt-dlp release and a supported JavaScript runtime, obtained and kept current by
 * ytdc itself.
 *
 * <p>Each tool lives in its own folder under the tools folder, one sub-folder per installed version and a
 * {@code current} link to the one in use. A new version is downloaded beside the old one, verified against the
 * release's checksums, tried, and only then made current by replacing the link in one rename; processes already
 * running keep the binary they started with, because every launch resolves the link first. One process per host
 * installs or updates at a time, under a file lock.
 */
package io.github.ytdc.toolchain;
