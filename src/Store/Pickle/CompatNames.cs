using System.Collections.Frozen;

namespace SlurmSearch.Store.Pickle;

/// <summary>Python 2 ↔ 3 module and name renames applied to globals of protocol 0–2 pickles, as Python's <c>fix_imports</c> does.</summary>
/// <remarks>
/// The table is the data of CPython 3.11's <c>_compat_pickle</c> (IMPORT_MAPPING, NAME_MAPPING and their reverses),
/// printed by <c>tests/Store.Tests/Pickle/Golden/dump_compat_names.py</c>. Python applies it when it reads a pickle whose
/// PROTO is below 3 and, reversed, when it writes protocol 2; doing the same keeps <c>__builtin__.set</c> a set.
/// </remarks>
internal static class CompatNames
{
    // One rename per line: "import OLD NEW", "name OLDMOD OLDNAME NEWMOD NEWNAME", and the reverse kinds for writing.
    private const string Table = """
import __builtin__ builtins
import copy_reg copyreg
import Queue queue
import SocketServer socketserver
import ConfigParser configparser
import repr reprlib
import tkFileDialog tkinter.filedialog
import tkSimpleDialog tkinter.simpledialog
import tkColorChooser tkinter.colorchooser
import tkCommonDialog tkinter.commondialog
import Dialog tkinter.dialog
import Tkdnd tkinter.dnd
import tkFont tkinter.font
import tkMessageBox tkinter.messagebox
import ScrolledText tkinter.scrolledtext
import Tkconstants tkinter.constants
import Tix tkinter.tix
import ttk tkinter.ttk
import Tkinter tkinter
import markupbase _markupbase
import _winreg winreg
import thread _thread
import dummy_thread _dummy_thread
import dbhash dbm.bsd
import dumbdbm dbm.dumb
import dbm dbm.ndbm
import gdbm dbm.gnu
import xmlrpclib xmlrpc.client
import SimpleXMLRPCServer xmlrpc.server
import httplib http.client
import htmlentitydefs html.entities
import HTMLParser html.parser
import Cookie http.cookies
import cookielib http.cookiejar
import BaseHTTPServer http.server
import test.test_support test.support
import commands subprocess
import urlparse urllib.parse
import robotparser urllib.robotparser
import urllib2 urllib.request
import anydbm dbm
import _abcoll collections.abc
import cPickle pickle
import _elementtree xml.etree.ElementTree
import FileDialog tkinter.filedialog
import SimpleDialog tkinter.simpledialog
import DocXMLRPCServer xmlrpc.server
import SimpleHTTPServer http.server
import CGIHTTPServer http.server
import UserDict collections
import UserList collections
import UserString collections
import whichdb dbm
import StringIO io
import cStringIO io
name __builtin__ xrange builtins range
name __builtin__ reduce functools reduce
name __builtin__ intern sys intern
name __builtin__ unichr builtins chr
name __builtin__ unicode builtins str
name __builtin__ long builtins int
name itertools izip builtins zip
name itertools imap builtins map
name itertools ifilter builtins filter
name itertools ifilterfalse itertools filterfalse
name itertools izip_longest itertools zip_longest
name UserDict IterableUserDict collections UserDict
name UserList UserList collections UserList
name UserString UserString collections UserString
name whichdb whichdb dbm whichdb
name _socket fromfd socket fromfd
name _multiprocessing Connection multiprocessing.connection Connection
name multiprocessing.process Process multiprocessing.context Process
name multiprocessing.forking Popen multiprocessing.popen_fork Popen
name urllib ContentTooShortError urllib.error ContentTooShortError
name urllib getproxies urllib.request getproxies
name urllib pathname2url urllib.request pathname2url
name urllib quote_plus urllib.parse quote_plus
name urllib quote urllib.parse quote
name urllib unquote_plus urllib.parse unquote_plus
name urllib unquote urllib.parse unquote
name urllib url2pathname urllib.request url2pathname
name urllib urlcleanup urllib.request urlcleanup
name urllib urlencode urllib.parse urlencode
name urllib urlopen urllib.request urlopen
name urllib urlretrieve urllib.request urlretrieve
name urllib2 HTTPError urllib.error HTTPError
name urllib2 URLError urllib.error URLError
name exceptions ArithmeticError builtins ArithmeticError
name exceptions AssertionError builtins AssertionError
name exceptions AttributeError builtins AttributeError
name exceptions BaseException builtins BaseException
name exceptions BufferError builtins BufferError
name exceptions BytesWarning builtins BytesWarning
name exceptions DeprecationWarning builtins DeprecationWarning
name exceptions EOFError builtins EOFError
name exceptions EnvironmentError builtins EnvironmentError
name exceptions Exception builtins Exception
name exceptions FloatingPointError builtins FloatingPointError
name exceptions FutureWarning builtins FutureWarning
name exceptions GeneratorExit builtins GeneratorExit
name exceptions IOError builtins IOError
name exceptions ImportError builtins ImportError
name exceptions ImportWarning builtins ImportWarning
name exceptions IndentationError builtins IndentationError
name exceptions IndexError builtins IndexError
name exceptions KeyError builtins KeyError
name exceptions KeyboardInterrupt builtins KeyboardInterrupt
name exceptions LookupError builtins LookupError
name exceptions MemoryError builtins MemoryError
name exceptions NameError builtins NameError
name exceptions NotImplementedError builtins NotImplementedError
name exceptions OSError builtins OSError
name exceptions OverflowError builtins OverflowError
name exceptions PendingDeprecationWarning builtins PendingDeprecationWarning
name exceptions ReferenceError builtins ReferenceError
name exceptions RuntimeError builtins RuntimeError
name exceptions RuntimeWarning builtins RuntimeWarning
name exceptions StopIteration builtins StopIteration
name exceptions SyntaxError builtins SyntaxError
name exceptions SyntaxWarning builtins SyntaxWarning
name exceptions SystemError builtins SystemError
name exceptions SystemExit builtins SystemExit
name exceptions TabError builtins TabError
name exceptions TypeError builtins TypeError
name exceptions UnboundLocalError builtins UnboundLocalError
name exceptions UnicodeDecodeError builtins UnicodeDecodeError
name exceptions UnicodeEncodeError builtins UnicodeEncodeError
name exceptions UnicodeError builtins UnicodeError
name exceptions UnicodeTranslateError builtins UnicodeTranslateError
name exceptions UnicodeWarning builtins UnicodeWarning
name exceptions UserWarning builtins UserWarning
name exceptions ValueError builtins ValueError
name exceptions Warning builtins Warning
name exceptions ZeroDivisionError builtins ZeroDivisionError
name multiprocessing AuthenticationError multiprocessing.context AuthenticationError
name multiprocessing BufferTooShort multiprocessing.context BufferTooShort
name multiprocessing ProcessError multiprocessing.context ProcessError
name multiprocessing TimeoutError multiprocessing.context TimeoutError
name __builtin__ basestring builtins str
name exceptions StandardError builtins Exception
name UserDict UserDict collections UserDict
name socket _socketobject socket SocketType
rimport builtins __builtin__
rimport copyreg copy_reg
rimport queue Queue
rimport socketserver SocketServer
rimport configparser ConfigParser
rimport reprlib repr
rimport tkinter.filedialog tkFileDialog
rimport tkinter.simpledialog tkSimpleDialog
rimport tkinter.colorchooser tkColorChooser
rimport tkinter.commondialog tkCommonDialog
rimport tkinter.dialog Dialog
rimport tkinter.dnd Tkdnd
rimport tkinter.font tkFont
rimport tkinter.messagebox tkMessageBox
rimport tkinter.scrolledtext ScrolledText
rimport tkinter.constants Tkconstants
rimport tkinter.tix Tix
rimport tkinter.ttk ttk
rimport tkinter Tkinter
rimport _markupbase markupbase
rimport winreg _winreg
rimport _thread thread
rimport _dummy_thread dummy_thread
rimport dbm.bsd dbhash
rimport dbm.dumb dumbdbm
rimport dbm.ndbm dbm
rimport dbm.gnu gdbm
rimport xmlrpc.client xmlrpclib
rimport xmlrpc.server SimpleXMLRPCServer
rimport http.client httplib
rimport html.entities htmlentitydefs
rimport html.parser HTMLParser
rimport http.cookies Cookie
rimport http.cookiejar cookielib
rimport http.server BaseHTTPServer
rimport test.support test.test_support
rimport subprocess commands
rimport urllib.parse urlparse
rimport urllib.robotparser robotparser
rimport urllib.request urllib2
rimport dbm anydbm
rimport collections.abc _abcoll
rimport _bz2 bz2
rimport _dbm dbm
rimport _functools functools
rimport _gdbm gdbm
rimport _pickle pickle
rname builtins range __builtin__ xrange
rname functools reduce __builtin__ reduce
rname sys intern __builtin__ intern
rname builtins chr __builtin__ unichr
rname builtins str __builtin__ unicode
rname builtins int __builtin__ long
rname builtins zip itertools izip
rname builtins map itertools imap
rname builtins filter itertools ifilter
rname itertools filterfalse itertools ifilterfalse
rname itertools zip_longest itertools izip_longest
rname collections UserDict UserDict IterableUserDict
rname collections UserList UserList UserList
rname collections UserString UserString UserString
rname dbm whichdb whichdb whichdb
rname socket fromfd _socket fromfd
rname multiprocessing.connection Connection _multiprocessing Connection
rname multiprocessing.context Process multiprocessing.process Process
rname multiprocessing.popen_fork Popen multiprocessing.forking Popen
rname urllib.error ContentTooShortError urllib ContentTooShortError
rname urllib.request getproxies urllib getproxies
rname urllib.request pathname2url urllib pathname2url
rname urllib.parse quote_plus urllib quote_plus
rname urllib.parse quote urllib quote
rname urllib.parse unquote_plus urllib unquote_plus
rname urllib.parse unquote urllib unquote
rname urllib.request url2pathname urllib url2pathname
rname urllib.request urlcleanup urllib urlcleanup
rname urllib.parse urlencode urllib urlencode
rname urllib.request urlopen urllib urlopen
rname urllib.request urlretrieve urllib urlretrieve
rname urllib.error HTTPError urllib2 HTTPError
rname urllib.error URLError urllib2 URLError
rname builtins ArithmeticError exceptions ArithmeticError
rname builtins AssertionError exceptions AssertionError
rname builtins AttributeError exceptions AttributeError
rname builtins BaseException exceptions BaseException
rname builtins BufferError exceptions BufferError
rname builtins BytesWarning exceptions BytesWarning
rname builtins DeprecationWarning exceptions DeprecationWarning
rname builtins EOFError exceptions EOFError
rname builtins EnvironmentError exceptions EnvironmentError
rname builtins Exception exceptions Exception
rname builtins FloatingPointError exceptions FloatingPointError
rname builtins FutureWarning exceptions FutureWarning
rname builtins GeneratorExit exceptions GeneratorExit
rname builtins IOError exceptions IOError
rname builtins ImportError exceptions ImportError
rname builtins ImportWarning exceptions ImportWarning
rname builtins IndentationError exceptions IndentationError
rname builtins IndexError exceptions IndexError
rname builtins KeyError exceptions KeyError
rname builtins KeyboardInterrupt exceptions KeyboardInterrupt
rname builtins LookupError exceptions LookupError
rname builtins MemoryError exceptions MemoryError
rname builtins NameError exceptions NameError
rname builtins NotImplementedError exceptions NotImplementedError
rname builtins OSError exceptions OSError
rname builtins OverflowError exceptions OverflowError
rname builtins PendingDeprecationWarning exceptions PendingDeprecationWarning
rname builtins ReferenceError exceptions ReferenceError
rname builtins RuntimeError exceptions RuntimeError
rname builtins RuntimeWarning exceptions RuntimeWarning
rname builtins StopIteration exceptions StopIteration
rname builtins SyntaxError exceptions SyntaxError
rname builtins SyntaxWarning exceptions SyntaxWarning
rname builtins SystemError exceptions SystemError
rname builtins SystemExit exceptions SystemExit
rname builtins TabError exceptions TabError
rname builtins TypeError exceptions TypeError
rname builtins UnboundLocalError exceptions UnboundLocalError
rname builtins UnicodeDecodeError exceptions UnicodeDecodeError
rname builtins UnicodeEncodeError exceptions UnicodeEncodeError
rname builtins UnicodeError exceptions UnicodeError
rname builtins UnicodeTranslateError exceptions UnicodeTranslateError
rname builtins UnicodeWarning exceptions UnicodeWarning
rname builtins UserWarning exceptions UserWarning
rname builtins ValueError exceptions ValueError
rname builtins Warning exceptions Warning
rname builtins ZeroDivisionError exceptions ZeroDivisionError
rname multiprocessing.context AuthenticationError multiprocessing AuthenticationError
rname multiprocessing.context BufferTooShort multiprocessing BufferTooShort
rname multiprocessing.context ProcessError multiprocessing ProcessError
rname multiprocessing.context TimeoutError multiprocessing TimeoutError
rname _functools reduce __builtin__ reduce
rname tkinter.filedialog FileDialog FileDialog FileDialog
rname tkinter.filedialog LoadFileDialog FileDialog LoadFileDialog
rname tkinter.filedialog SaveFileDialog FileDialog SaveFileDialog
rname tkinter.simpledialog SimpleDialog SimpleDialog SimpleDialog
rname xmlrpc.server ServerHTMLDoc DocXMLRPCServer ServerHTMLDoc
rname xmlrpc.server XMLRPCDocGenerator DocXMLRPCServer XMLRPCDocGenerator
rname xmlrpc.server DocXMLRPCRequestHandler DocXMLRPCServer DocXMLRPCRequestHandler
rname xmlrpc.server DocXMLRPCServer DocXMLRPCServer DocXMLRPCServer
rname xmlrpc.server DocCGIXMLRPCRequestHandler DocXMLRPCServer DocCGIXMLRPCRequestHandler
rname http.server SimpleHTTPRequestHandler SimpleHTTPServer SimpleHTTPRequestHandler
rname http.server CGIHTTPRequestHandler CGIHTTPServer CGIHTTPRequestHandler
rname _socket socket socket _socketobject
rname builtins BrokenPipeError exceptions OSError
rname builtins ChildProcessError exceptions OSError
rname builtins ConnectionAbortedError exceptions OSError
rname builtins ConnectionError exceptions OSError
rname builtins ConnectionRefusedError exceptions OSError
rname builtins ConnectionResetError exceptions OSError
rname builtins FileExistsError exceptions OSError
rname builtins FileNotFoundError exceptions OSError
rname builtins InterruptedError exceptions OSError
rname builtins IsADirectoryError exceptions OSError
rname builtins NotADirectoryError exceptions OSError
rname builtins PermissionError exceptions OSError
rname builtins ProcessLookupError exceptions OSError
rname builtins TimeoutError exceptions OSError
rname builtins ModuleNotFoundError exceptions ImportError
""";

    private static readonly (
        FrozenDictionary<string, string> Import,
        FrozenDictionary<(string, string), (string, string)> Name,
        FrozenDictionary<string, string> ReverseImport,
        FrozenDictionary<(string, string), (string, string)> ReverseName) Maps = Parse();

    /// <summary>Maps a global found in a protocol 0–2 pickle to its Python 3 name.</summary>
    public static (string Module, string Name) ToPython3(string module, string name)
    {
        if (Maps.Name.TryGetValue((module, name), out var renamed))
        {
            return renamed;
        }

        return Maps.Import.TryGetValue(module, out var newModule) ? (newModule, name) : (module, name);
    }

    /// <summary>Maps a Python 3 global to the name a protocol 2 pickle uses.</summary>
    public static (string Module, string Name) ToPython2(string module, string name)
    {
        if (Maps.ReverseName.TryGetValue((module, name), out var renamed))
        {
            return renamed;
        }

        return Maps.ReverseImport.TryGetValue(module, out var oldModule) ? (oldModule, name) : (module, name);
    }

    private static (
        FrozenDictionary<string, string>,
        FrozenDictionary<(string, string), (string, string)>,
        FrozenDictionary<string, string>,
        FrozenDictionary<(string, string), (string, string)>) Parse()
    {
        var import = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = new Dictionary<(string, string), (string, string)>();
        var reverseImport = new Dictionary<string, string>(StringComparer.Ordinal);
        var reverseName = new Dictionary<(string, string), (string, string)>();
        foreach (var line in Table.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(' ');
            switch (f[0])
            {
                case "import": import[f[1]] = f[2]; break;
                case "rimport": reverseImport[f[1]] = f[2]; break;
                case "name": name[(f[1], f[2])] = (f[3], f[4]); break;
                default: reverseName[(f[1], f[2])] = (f[3], f[4]); break;
            }
        }

        return (import.ToFrozenDictionary(StringComparer.Ordinal), name.ToFrozenDictionary(),
            reverseImport.ToFrozenDictionary(StringComparer.Ordinal), reverseName.ToFrozenDictionary());
    }
}
