package org.cybermarket.io;

/** The type a canonical field is parsed to. */
public enum FieldType { STRING, DATE, DOUBLE }
