// Package seal checks and normalises seal images (公章), scales them to
// print resolution, and keeps them by id: the PNG pictures that zsdoc
// stamps over a unit's name in the PDF and DOCX it renders.
//
// A seal file comes from an office's own scanner or image editor, so it is
// untrusted input: it may be a JPEG renamed to .png, truncated, 16-bit,
// interlaced, absurdly sized, fully transparent, or a deliberately hostile
// decompression bomb. Decode refuses what cannot be a seal with an *Error
// whose Message, in Chinese, tells the user what to do, and turns everything
// else into one form the backends handle alike: an 8-bit, non-interlaced PNG
// with straight (non-premultiplied) alpha, encoded deterministically.
//
// Work and memory are bounded before any pixel is decoded: the file size,
// the dimensions and aspect ratio declared in the IHDR chunk, and the memory
// the decoder would need are checked first (see MaxFileSize, MinSide,
// MaxSide, MaxAspect and MaxPixelBytes).
//
// # Print resolution
//
// A seal is embedded at about PrintDPI (300 dpi) at its printed size, not
// at the size of its file, so that a PDF does not hand out a
// high-resolution copy of a unit's seal: PixelsFor converts a printed width
// in millimetres to pixels, and Resample scales an Image down to it with an
// area-averaging filter in premultiplied alpha, in integer arithmetic, so
// its output is the same on every machine and is again in Decode's form.
//
// # The seal store
//
// A Store holds seals by id — the built-in specimen seal (Specimen,
// SpecimenID) and those added with Add — and Store.Seal hands one out
// resampled to a width, caching the result so that a server stamping
// thousands of documents resamples each seal once. LoadDir builds a Store
// from a folder of <id>.png files, checking every file with Decode at
// start and naming the first bad one; ErrUnknown marks an unknown id.
package seal
