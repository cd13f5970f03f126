// Package seal checks and normalises seal images (公章): the PNG pictures
// that zsdoc stamps over a unit's name in the PDF and DOCX it renders.
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
// The package is also meant to hold the seal store (a folder of <id>.png
// files served over HTTP), which will decode every file through Decode.
package seal
