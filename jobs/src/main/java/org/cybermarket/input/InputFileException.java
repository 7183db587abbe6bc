package org.cybermarket.input;

/** A whole-file problem (empty file, missing required column, undecodable bytes): the job stops and names the file. */
public final class InputFileException extends RuntimeException {
    public InputFileException(String file, String problem) {
        super(file + ": " + problem);
    }
}
