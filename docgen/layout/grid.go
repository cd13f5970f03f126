package layout

import "fmt"

// Slot is what occupies one position of a table's grid.
type Slot struct {
	Row, Cell int  // the cell covering the position: row index and index in that row's Cells
	Origin    bool // the position is the cell's top-left one
}

// Grid resolves the table's spans: grid[r][c] says which cell covers row r,
// column c. It returns an error when the rows do not fill the columns
// exactly (a composer bug).
func (t *Table) Grid() ([][]Slot, error) {
	ncol := len(t.Columns)
	grid := make([][]Slot, len(t.Rows))
	taken := make([][]bool, len(t.Rows))
	for r := range t.Rows {
		grid[r] = make([]Slot, ncol)
		taken[r] = make([]bool, ncol)
	}
	for r, row := range t.Rows {
		c := 0
		for i := range row.Cells {
			for c < ncol && taken[r][c] {
				c++
			}
			cell := &row.Cells[i]
			if c+cell.Cols() > ncol {
				return nil, fmt.Errorf("layout: row %d: cell %d does not fit in %d columns", r, i, ncol)
			}
			if r+cell.Rows() > len(t.Rows) {
				return nil, fmt.Errorf("layout: row %d: cell %d spans past the last row", r, i)
			}
			for dr := 0; dr < cell.Rows(); dr++ {
				for dc := 0; dc < cell.Cols(); dc++ {
					if taken[r+dr][c+dc] {
						return nil, fmt.Errorf("layout: row %d: cell %d overlaps another cell", r, i)
					}
					taken[r+dr][c+dc] = true
					grid[r+dr][c+dc] = Slot{Row: r, Cell: i, Origin: dr == 0 && dc == 0}
				}
			}
			c += cell.Cols()
		}
		for c := 0; c < ncol; c++ {
			if !taken[r][c] {
				return nil, fmt.Errorf("layout: row %d: column %d has no cell", r, c)
			}
		}
	}
	return grid, nil
}
