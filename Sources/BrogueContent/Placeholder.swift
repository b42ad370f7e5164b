public enum BrogueContentModule {}
