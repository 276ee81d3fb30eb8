import fs from "node:fs";
import path from "node:path";

/**
 * Writes a file so that it is either complete or absent: the bytes go to a temporary file in the
 * same folder, which is renamed over the target only once written. A reader (or a failed build)
 * never sees half a file.
 */
export function writeAtomically(file: string, bytes: Uint8Array | string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.partial`);
  try {
    fs.writeFileSync(temporary, bytes);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
