/**
 * The entry point of dist/cli.js: the server's CLI (lint, get, status) with live clusters. The
 * live source is client code (client/src/kube), which nothing under server/ may import, so it is
 * registered here before the CLI runs.
 */
import { setContextSourceFactory } from '../../../server/src/cli/get-command';
import { main } from '../../../server/src/cli/main';
import { liveSource } from './live-source';

setContextSourceFactory((context, io) => liveSource(context, io));

if (require.main === module) main();
