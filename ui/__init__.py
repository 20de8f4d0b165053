"""The PySide6 face of Alignment Workshop: windows, widgets and Qt adapters only."""
