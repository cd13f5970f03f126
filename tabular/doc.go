// Package tabular reads spreadsheets — CSV files and Excel .xlsx workbooks —
// row by row, for importing forms that offices keep in tables.
//
// It knows nothing of the forms: it yields rows of typed cells with their
// position in the file (for messages such as "Sheet1 第7行 K列【合作方式】…"),
// the merged ranges of a worksheet, and finds a header row by its labels.
//
// # Reading
//
// Open detects the format from the first bytes (Detect) and returns a Reader;
// Next returns one row at a time and io.EOF at the end. Blank rows are
// skipped; Row.Line keeps the row's real position. A Reader holds O(1) rows
// in memory: a CSV file is streamed and decoded as it is read, the worksheet
// XML of a workbook is streamed out of the (in-memory, compressed) zip.
//
// # Cells
//
// CSV carries no types: every non-empty CSV cell is Text. An .xlsx cell has
// the kind the workbook stores: Text, Number (its value as Excel shows it in
// the General format: "12.5", no exponent, at most 15 significant digits),
// Date ("2026-11-26", from a number whose number format is a date format, in
// the 1900 or the 1904 date system), Time, Bool ("TRUE"/"FALSE") and
// ErrorValue ("#DIV/0!"). A formula gives the value Excel cached; formulas
// are never evaluated.
//
// # Hostile input
//
// A file is untrusted. Options bounds the input size, the unzipped size of
// every workbook part, the rows, the columns per row, the bytes per cell and
// per row and the merged ranges; each bound is checked before the memory it
// guards is spent, and a file over a bound is refused with an error wrapping
// ErrLimit. Errors meant for the person who made the file are in Chinese and
// name the row and column. A panic while reading is recovered and returned
// as an error wrapping ErrInternal.
//
// # Headers
//
// Schema describes the expected columns by their labels; ReadHeader finds the
// header row among the first rows (title rows above it are skipped), matching
// labels after NormalizeLabel, and reports unknown, missing and repeated
// columns in one HeaderError. A header may span two rows.
package tabular
