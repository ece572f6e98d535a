package emit

// SetChunkSize sets the size of the pieces a large file is formatted in (gofmtChunked) until the returned func
// restores it.
func SetChunkSize(n int) (restore func()) {
	old := chunkSize
	chunkSize = n
	return func() { chunkSize = old }
}
