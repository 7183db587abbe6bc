package org.cybermarket.input;

/** The type a canonical field is parsed to. */
public enum FieldType { STRING, DATE, DOUBLE }
