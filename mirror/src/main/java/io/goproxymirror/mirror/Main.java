package io.goproxymirror.mirror;

public final class Main {
  public static void main(String[] args) {
  }
}
