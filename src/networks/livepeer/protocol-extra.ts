import { segmentOutPixels, type OutputProfile } from './protocol.ts';

/**
 * go-livepeer constants the model needs that protocol.ts does not carry (go-livepeer @ 176aa415ccea; profile sizes
 * checked against livepeer/lpms ffmpeg/videoprofile.go @ 0edc8a1bb7f3, ladder against cmd/livepeer/starter/starter.go).
 */

/** go-livepeer server/mediaserver.go `SegLen = 2 * time.Second`: the broadcaster's segment length. */
export const SEGMENT_LENGTH_S = 2;

/** go-livepeer server/broadcast.go `MaxAttempts = 3`: orchestrators tried for a segment before it fails. */
export const MAX_ATTEMPTS = 3;

/** LPMS ffmpeg/videoprofile.go `P240p30fps16x9`: 426x240 at 30 fps. */
export const P240P30FPS16X9: OutputProfile = Object.freeze({ width: 426, height: 240, framerate: 30 });
/** LPMS ffmpeg/videoprofile.go `P360p30fps16x9`: 640x360 at 30 fps. */
export const P360P30FPS16X9: OutputProfile = Object.freeze({ width: 640, height: 360, framerate: 30 });
/** LPMS ffmpeg/videoprofile.go `P720p30fps16x9`: 1280x720 at 30 fps. */
export const P720P30FPS16X9: OutputProfile = Object.freeze({ width: 1280, height: 720, framerate: 30 });

/** go-livepeer starter.go `defaultTranscodingOptions = "P240p30fps16x9,P360p30fps16x9"`. */
export const DEFAULT_LADDER: readonly OutputProfile[] = Object.freeze([P240P30FPS16X9, P360P30FPS16X9]);
/** The default ladder plus 720p (the ladder of go-livepeer's livepeer_bench default). */
export const HD_LADDER: readonly OutputProfile[] = Object.freeze([P240P30FPS16X9, P360P30FPS16X9, P720P30FPS16X9]);

/** Output pixels of one segment of a ladder (server/segment_rpc.go estimateFee, via protocol.segmentOutPixels). */
export function ladderPixelsPerSegment(ladder: readonly OutputProfile[]): number {
  return Number(segmentOutPixels(ladder, SEGMENT_LENGTH_S));
}

/** Segments a stream of `durationS` is cut into (the last one partial, and paid as a whole one). */
export function segmentsOf(durationS: number): number {
  return Math.max(1, Math.ceil(durationS / SEGMENT_LENGTH_S));
}
